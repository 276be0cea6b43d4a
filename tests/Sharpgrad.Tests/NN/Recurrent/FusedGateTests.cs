using Sharpgrad.NN;
using static Sharpgrad.Tests.Tensors.TensorAssert;

namespace Sharpgrad.Tests.NN.Recurrent;

/// <summary>
/// The fused gate node (NN/Recurrent/FusedGates.cs) against the composite of tensor ops it replaces, which stays as the
/// oracle: the same new state and the same gradients for the projections and the previous state, in float64, with and
/// without a batch dim; and a double backward through the fused node (createGraph) equal to the composite's.
/// </summary>
public class FusedGateTests
{
    public static TheoryData<int, bool> Kinds => new()
    {
        { (int)RecurrentKind.RnnTanh, true }, { (int)RecurrentKind.RnnRelu, true }, { (int)RecurrentKind.Lstm, true },
        { (int)RecurrentKind.Gru, true }, { (int)RecurrentKind.Lstm, false }, { (int)RecurrentKind.Gru, false },
    };

    [Theory]
    [MemberData(nameof(Kinds))]
    public void FusedStepEqualsTheCompositeWithItsGradients(int kindValue, bool batched)
    {
        var kind = (RecurrentKind)kindValue;
        var (fused, composite) = (Run(kind, batched, RecurrentGates.Step, secondOrder: false), Run(kind, batched, RecurrentGates.Composite, secondOrder: false));
        for (int i = 0; i < fused.Length; i++) Close(composite[i], fused[i], 1e-12);
    }

    /// <summary>ReLU's gradient is g·[a &gt; 0] whatever a, so for a linear loss it has no graph to differentiate: left out.</summary>
    public static TheoryData<int, bool> SmoothKinds => new()
    {
        { (int)RecurrentKind.RnnTanh, true }, { (int)RecurrentKind.Lstm, true }, { (int)RecurrentKind.Gru, true },
        { (int)RecurrentKind.Lstm, false }, { (int)RecurrentKind.Gru, false },
    };

    [Theory]
    [MemberData(nameof(SmoothKinds))]
    public void DoubleBackwardThroughTheFusedStepEqualsTheComposites(int kindValue, bool batched)
    {
        var kind = (RecurrentKind)kindValue;
        var (fused, composite) = (Run(kind, batched, RecurrentGates.Step, secondOrder: true), Run(kind, batched, RecurrentGates.Composite, secondOrder: true));
        for (int i = 0; i < fused.Length; i++) Close(composite[i], fused[i], 1e-12);
    }

    private delegate (Tensor H, Tensor? C) StepFunction(RecurrentKind kind, Tensor inputGates, Tensor hiddenGates, Tensor hidden, Tensor? cell, Tensor? projection,
        Peepholes? peepholes);

    /// <summary>
    /// The outputs, then the gradients of Σ w·outputs for (inputGates, hiddenGates, h, c); with <paramref name="secondOrder"/>
    /// instead the gradients of the squared norm of those first gradients (a double backward).
    /// </summary>
    private static Tensor[] Run(RecurrentKind kind, bool batched, StepFunction step, bool secondOrder)
    {
        const int hidden = 5;
        int gates = kind.GateCount() * hidden;
        int[] Shape(int features) => batched ? [3, features] : [features];
        var g = new Generator(730 + (int)kind);
        var xg = Tensor.Randn(Shape(gates), DType.Float64, g).RequireGrad();
        var hg = Tensor.Randn(Shape(gates), DType.Float64, g).RequireGrad();
        var h = Tensor.Randn(Shape(hidden), DType.Float64, g).RequireGrad();
        var c = Tensor.Randn(Shape(hidden), DType.Float64, g).RequireGrad();
        bool lstm = kind == RecurrentKind.Lstm;
        var (nextH, nextC) = step(kind, xg, hg, h, lstm ? c : null, null, null);
        var w = Tensor.Randn(nextH.Shape, DType.Float64, g);
        var loss = nextC is null ? (nextH * w).Sum() : (nextH * w).Sum() + (nextC * nextC).Sum() * 0.5;
        Tensor[] inputs = lstm ? [xg, hg, h, c] : [xg, hg, h];
        var first = Autograd.Grad([loss], inputs, createGraph: secondOrder, allowUnused: true);
        if (!secondOrder) return [nextH.Detach(), .. nextC is null ? Array.Empty<Tensor>() : [nextC.Detach()], .. first];
        var norm = first.Select(d => (d * d).Sum()).Aggregate((a, b) => a + b);
        return Autograd.Grad([norm], inputs, allowUnused: true);
    }
}
