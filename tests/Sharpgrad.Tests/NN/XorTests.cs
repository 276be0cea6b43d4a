using Sharpgrad.NN;

namespace Sharpgrad.Tests.NN;


/// <summary>Learning XOR, GBC §6.1.</summary>
public class XorTests
{
    private static readonly Tensor X = Tensor.From(new double[,] { { 0, 0 }, { 0, 1 }, { 1, 0 }, { 1, 1 } });
    private static readonly Tensor Y = Tensor.From(new double[,] { { 0 }, { 1 }, { 1 }, { 0 } });

    [Fact]
    public void TheBooksReluNetworkSolvesXorExactly()
    {
        // f(x) = wᵀ max(0, Wᵀx + c) + b with W = [[1,1],[1,1]], c = [0,−1], w = [1,−2], b = 0 (GBC §6.1).
        // Linear stores [out, in], i.e. Wᵀ; this W is symmetric.
        var model = new Sequential(new Linear(2, 2, dtype: DType.Float64), new ReLU(), new Linear(2, 1, dtype: DType.Float64));
        model.LoadStateDict(new Dictionary<string, Tensor>
        {
            ["0.weight"] = Tensor.From(new double[,] { { 1, 1 }, { 1, 1 } }),
            ["0.bias"] = Tensor.From(new double[] { 0, -1 }),
            ["2.weight"] = Tensor.From(new double[,] { { 1, -2 } }),
            ["2.bias"] = Tensor.From(new double[] { 0 }),
        });
        Assert.Equal(new double[] { 0, 1, 1, 0 }, model.Forward(X).ToArray<double>());
    }

    [Fact]
    public void ALinearModelFitByMseLearnsWZeroAndBHalf()
    {
        // GBC §6.1: the normal equations for XOR give w = 0, b = ½; the loss is convex, so gradient descent gets there.
        var model = new Linear(2, 1, dtype: DType.Float64, generator: new Generator(0));
        for (int step = 0; step < 500; step++)
        {
            model.ZeroGrad();
            Losses.MSE(model.Forward(X), Y).Backward();
            using (Autograd.NoGrad())
                foreach (var p in model.Parameters()) p.AddInPlace(p.Grad!, -0.5);
        }
        Assert.All(model.Weight.ToArray<double>(), w => Assert.Equal(0, w, 8));
        Assert.Equal(0.5, model.Bias!.Item(), 8);
        Assert.Equal(0.25, Losses.MSE(model.Forward(X), Y).Item(), 8);     // it predicts ½ everywhere
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public void ATwoHiddenUnitNetworkTrainsToZeroLoss(int seed)
    {
        // 2-2-1 with tanh hidden units from PyTorch's default init; Adam (lr 0.05), written inline with tensor ops.
        var g = new Generator(seed);
        var model = new Sequential(new Linear(2, 2, dtype: DType.Float64, generator: g), new Tanh(), new Linear(2, 1, dtype: DType.Float64, generator: g));
        var parameters = model.Parameters().ToArray();
        var m = parameters.Select(Tensor.ZerosLike).ToArray();
        var v = parameters.Select(Tensor.ZerosLike).ToArray();
        const double lr = 0.05, beta1 = 0.9, beta2 = 0.999, eps = 1e-8;
        double loss = double.NaN;
        for (int t = 1; t <= 1000; t++)
        {
            model.ZeroGrad();
            var objective = Losses.MSE(model.Forward(X), Y);
            loss = objective.Item();
            if (loss < 1e-4) break;
            objective.Backward();
            using (Autograd.NoGrad())
                for (int i = 0; i < parameters.Length; i++)
                {
                    var grad = parameters[i].Grad!;
                    m[i] = m[i] * beta1 + grad * (1 - beta1);
                    v[i] = v[i] * beta2 + grad.Square() * (1 - beta2);
                    var step = m[i] / (1 - Math.Pow(beta1, t)) / ((v[i] / (1 - Math.Pow(beta2, t))).Sqrt() + eps);
                    parameters[i].AddInPlace(step, -lr);
                }
        }
        Assert.True(loss < 1e-3, $"loss {loss} after training");
        var predictions = model.Forward(X).ToArray<double>().Select(p => Math.Round(p)).ToArray();
        Assert.Equal(new double[] { 0, 1, 1, 0 }, predictions);
    }
}
