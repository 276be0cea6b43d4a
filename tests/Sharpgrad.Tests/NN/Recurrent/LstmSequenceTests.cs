using Sharpgrad.NN;
using Sharpgrad.Tests.Support;
using static Sharpgrad.Tests.Tensors.TensorAssert;

namespace Sharpgrad.Tests.NN.Recurrent;

/// <summary>
/// The whole-sequence LSTM node (NN/Recurrent/LstmSequence.cs) against the per-step path it replaces, which stays as the
/// oracle (its gate node is tested against the composite of tensor ops in <see cref="FusedGateTests"/>): the same outputs,
/// final states and gradients of every input, forward and reverse, in float64; a float64 GradCheck to first and second
/// order; the same double backward as the per-step path; and the same bits at 1, 2 and 3 threads in float32.
/// </summary>
public class LstmSequenceTests
{
    private const int Steps = 5, Batch = 3, InputSize = 4, Hidden = 6;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void WholeSequenceEqualsThePerStepPathWithItsGradients(bool reverse)
    {
        var (fused, perStep) = (Run(reverse, fused: true, secondOrder: false), Run(reverse, fused: false, secondOrder: false));
        Assert.Equal(perStep.Length, fused.Length);
        for (int i = 0; i < fused.Length; i++) Close(perStep[i], fused[i], 1e-12);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void DoubleBackwardEqualsThePerStepPaths(bool reverse)
    {
        // Under createGraph the node's rule recomputes the per-step path, so this checks how the node's result (outputs,
        // h0, c_n joined) maps back onto it; the second derivatives themselves are checked by GradCheck below.
        var (fused, perStep) = (Run(reverse, fused: true, secondOrder: true), Run(reverse, fused: false, secondOrder: true));
        // Second derivatives of Σ c³ reach 3·10³ here: 1e-9 absolute is a few ulps relative.
        for (int i = 0; i < fused.Length; i++) Close(perStep[i], fused[i], 1e-9);
    }

    /// <summary>
    /// A hook on a weight runs once per pass also when the backward is recorded (createGraph), where the node's rule
    /// differentiates a recomputation: the halving hook leaves W_hh's gradient half the per-step path's, not a quarter.
    /// </summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void AHookOnAWeightRunsOnceWhenTheBackwardIsRecorded(bool fused)
    {
        var g = new Generator(813);
        var x = Tensor.Randn([Steps * Batch, InputSize], DType.Float64, g);
        var weights = new RecurrentWeights(Tensor.Randn([4 * Hidden, InputSize], DType.Float64, g).RequireGrad(),
            (Tensor.Randn([4 * Hidden, Hidden], DType.Float64, g) * 0.4).Detach().RequireGrad(), null, null, null);
        var (h0, c0) = (Tensor.Zeros([Batch, Hidden], DType.Float64), Tensor.Zeros([Batch, Hidden], DType.Float64));
        int calls = 0;
        weights.HiddenToHidden.RegisterHook(grad => { calls++; return grad * 0.5; });
        var direction = new RecurrentDirection(RecurrentKind.Lstm, weights, Enumerable.Repeat(Batch, Steps).ToArray(), fused);
        var (output, _, _) = direction.Forward(x, h0, c0);
        var gradient = Autograd.Grad([(output * output).Sum()], [weights.HiddenToHidden], createGraph: true)[0];
        Assert.Equal(1, calls);
        // The same loss without the hook, by the per-step path: the hooked gradient is exactly half of it.
        var plain = new RecurrentWeights(weights.InputToHidden.Detach().RequireGrad(), weights.HiddenToHidden.Detach().RequireGrad(), null, null, null);
        var (reference, _, _) = new RecurrentDirection(RecurrentKind.Lstm, plain, Enumerable.Repeat(Batch, Steps).ToArray(), fused: false).Forward(x, h0, c0);
        var expected = Autograd.Grad([(reference * reference).Sum()], [plain.HiddenToHidden])[0] * 0.5;
        Close(expected, gradient.Detach(), 1e-12);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void GradCheckFirstAndSecondOrder(bool reverse)
    {
        var g = new Generator(812);
        Tensor[] inputs =
        [
            Tensor.Randn([3 * 2, 3], DType.Float64, g), Tensor.Randn([4 * 2, 3], DType.Float64, g) * 0.5, Tensor.Randn([4 * 2, 2], DType.Float64, g) * 0.5,
            Tensor.Randn([4 * 2], DType.Float64, g), Tensor.Randn([4 * 2], DType.Float64, g), Tensor.Randn([2, 2], DType.Float64, g), Tensor.Randn([2, 2], DType.Float64, g),
        ];
        inputs = [.. inputs.Select(t => t.Detach().RequireGrad())];
        // Outputs, final h and final c all enter the probe, so every part of the result is checked.
        Func<Tensor[], Tensor> f = t =>
        {
            var (output, h, c) = LstmSequence.Run(new RecurrentWeights(t[1], t[2], t[3], t[4], null), t[0], t[5], t[6], steps: 3, reverse);
            return Tensor.Cat([output.Reshape(-1), h.Reshape(-1) * 2, c.Reshape(-1)]);
        };
        GradCheck.Run(f, inputs).ThrowIfFailed();
        GradCheck.RunSecondOrder(f, inputs).ThrowIfFailed();
    }

    [Fact]
    public void TheLayerRunsTheWholeSequenceNodeWhenItApplies()
    {
        var lstm = new LSTM(InputSize, Hidden, bidirectional: true, generator: new Generator(3));
        var x = Tensor.Randn([Steps, Batch, InputSize], DType.Float32, new Generator(4)).RequireGrad();
        var (output, _) = lstm.Forward(x);
        Assert.Contains("LstmSequence", GraphNodeNames(output));
        Assert.DoesNotContain("LstmGates", GraphNodeNames(output));
    }

    [Fact]
    public void SameBitsForAnyThreadCount()
    {
        // H = 67 and N = 37: odd sizes, so the gate kernel's vectors and the GEMMs' blocks split unevenly.
        var lstm = new LSTM(19, 67, bidirectional: true, generator: new Generator(5));
        var x = Tensor.Randn([9, 37, 19], DType.Float32, new Generator(6));
        Tensor Compute()
        {
            var input = x.Detach().RequireGrad();
            foreach (var p in lstm.Parameters()) p.Grad = null;
            var (output, (h, c)) = lstm.Forward(input);
            ((output * output).Sum() + h.Sum() + c.Sum()).Backward();
            return Tensor.Cat([output.Reshape(-1), input.Grad!.Reshape(-1), .. lstm.Parameters().Select(p => p.Grad!.Reshape(-1))]);
        }
        var reference = ThreadCounts.With(1, Compute);
        foreach (var threads in new[] { 2, 3 }) BitwiseEqual(reference, ThreadCounts.With(threads, Compute));
    }

    /// <summary>
    /// The outputs, final states, then the gradients of a weighted sum of them for (x, W_ih, W_hh, b_ih, b_hh, h0, c0);
    /// with <paramref name="secondOrder"/> instead the gradients of the squared norm of those first gradients.
    /// </summary>
    private static Tensor[] Run(bool reverse, bool fused, bool secondOrder)
    {
        var g = new Generator(811);
        var x = Tensor.Randn([Steps * Batch, InputSize], DType.Float64, g).RequireGrad();
        var weights = new RecurrentWeights(Tensor.Randn([4 * Hidden, InputSize], DType.Float64, g).RequireGrad(),
            (Tensor.Randn([4 * Hidden, Hidden], DType.Float64, g) * 0.4).Detach().RequireGrad(),
            Tensor.Randn([4 * Hidden], DType.Float64, g).RequireGrad(), Tensor.Randn([4 * Hidden], DType.Float64, g).RequireGrad(), null);
        var h0 = Tensor.Randn([Batch, Hidden], DType.Float64, g).RequireGrad();
        var c0 = Tensor.Randn([Batch, Hidden], DType.Float64, g).RequireGrad();
        var direction = new RecurrentDirection(RecurrentKind.Lstm, weights, Enumerable.Repeat(Batch, Steps).ToArray(), fused);
        var (output, h, c) = reverse ? direction.Reverse(x, h0, c0) : direction.Forward(x, h0, c0);
        var w = Tensor.Randn(output.Shape, DType.Float64, g);
        var loss = (output * w).Sum() + (h * h).Sum() * 0.5 + (c! * c! * c!).Sum();
        Tensor[] inputs = [x, weights.InputToHidden, weights.HiddenToHidden, weights.InputBias!, weights.HiddenBias!, h0, c0];
        var first = Autograd.Grad([loss], inputs, createGraph: secondOrder);
        if (!secondOrder) return [output.Detach(), h.Detach(), c!.Detach(), .. first];
        var norm = first.Select(d => (d * d).Sum()).Aggregate((a, b) => a + b);
        return Autograd.Grad([norm], inputs);
    }

    private static HashSet<string> GraphNodeNames(Tensor output)
    {
        var names = new HashSet<string>();
        var pending = new Stack<Tensor>([output]);
        var seen = new HashSet<Tensor>(ReferenceEqualityComparer.Instance);
        while (pending.TryPop(out var t))
        {
            if (!seen.Add(t) || t.GradFn is not { } node) continue;
            names.Add(node.Name);
            foreach (var input in node.Inputs) pending.Push(input);
        }
        return names;
    }
}
