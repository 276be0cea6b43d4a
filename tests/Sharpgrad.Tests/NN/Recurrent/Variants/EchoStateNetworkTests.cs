using System.Numerics;
using System.Text.Json;
using Sharpgrad.NN;
using Sharpgrad.Tests.Support;
using static Sharpgrad.Tests.Tensors.TensorAssert;

namespace Sharpgrad.Tests.NN.Recurrent.Variants;

/// <summary>
/// The echo state network (GBC §10.8): the QR-algorithm spectral radius against LAPACK's eigenvalues
/// (Fixtures/make_echo_state_fixtures.py), the reservoir's scaling, the ridge readout against least squares and the
/// normal equations, and one-step prediction of a sine wave.
/// </summary>
public class EchoStateNetworkTests
{
    private static readonly JsonElement Root = Fixture.Load("echo_state.json");

    public static TheoryData<string> Cases() => [.. Root.GetProperty("cases").EnumerateArray().Select(c => c.GetProperty("name").GetString()!)];

    [Theory]
    [MemberData(nameof(Cases))]
    public void EigenvaluesMatchLapack(string name)
    {
        var c = Root.GetProperty("cases").EnumerateArray().Single(e => e.GetProperty("name").GetString() == name);
        var matrix = Fixture.Tensor(c.GetProperty("matrix"));
        var expectedRe = Fixture.Doubles(c.GetProperty("eigenvalues_real"));
        var expectedIm = Fixture.Doubles(c.GetProperty("eigenvalues_imag"));
        var values = SpectralRadius.Eigenvalues(matrix.ToDoubleArray(), matrix.Size(0))
            .OrderBy(Complex.Abs).ThenBy(z => z.Real).ThenBy(z => z.Imaginary).ToArray();
        double scale = Math.Max(1, c.GetProperty("radius").GetDouble());
        for (int i = 0; i < values.Length; i++)
        {
            // Conjugate pairs of equal modulus may come in either order: compare as a multiset up to rounding.
            var nearest = Enumerable.Range(0, values.Length).Min(j => Complex.Abs(values[i] - new Complex(expectedRe[j], expectedIm[j])));
            Assert.True(nearest < 1e-10 * scale * values.Length, $"{name}: eigenvalue {values[i]} is {nearest:E2} from every LAPACK eigenvalue");
        }
        Assert.Equal(c.GetProperty("radius").GetDouble(), SpectralRadius.Of(matrix), 1e-12 * scale);
    }

    [Theory]
    [InlineData(0.5, 1.0)]
    [InlineData(0.95, 1.0)]
    [InlineData(1.25, 0.1)]
    public void TheReservoirHasTheSpectralRadiusAskedFor(double radius, double density)
    {
        var esn = new EchoStateNetwork(2, 60, spectralRadius: radius, density: density, generator: new Generator(3));
        Assert.Equal(radius, SpectralRadius.Of(esn.ReservoirWeight), 1e-8);
        Assert.Equal([60, 3], esn.InputWeight.Shape);
        if (density < 1)
        {
            double zeros = esn.ReservoirWeight.Eq(0).Double().Mean().Item();
            Assert.InRange(zeros, 0.85, 0.95);
        }
    }

    /// <summary>β = 0 is ordinary least squares (QR-based Lstsq, another algorithm); β &gt; 0 solves (XᵀX + βI)W = XᵀY.</summary>
    [Fact]
    public void TheReadoutSolvesTheNormalEquations()
    {
        var x = Tensor.Randn([40, 6], DType.Float64, new Generator(1));
        var y = Tensor.Randn([40, 2], DType.Float64, new Generator(2));
        Close(Linalg.Lstsq(x, y).Solution.T, EchoStateNetwork.RidgeReadout(x, y, 0), 1e-12);

        const double ridge = 0.3;
        var w = EchoStateNetwork.RidgeReadout(x, y, ridge);
        Assert.Equal([2, 6], w.Shape);
        var residual = x.T.MatMul(x.MatMul(w.T) - y) + ridge * w.T;
        Close(Tensor.Zeros([6, 2], DType.Float64), residual, 1e-12);
    }

    /// <summary>Trained on 300 steps of sin(t/4) to predict the next value, the readout predicts the 200 steps after them.</summary>
    [Fact]
    public void OneStepPredictionOfASineWaveIsNearlyExact()
    {
        var series = Enumerable.Range(0, 501).Select(t => Math.Sin(t / 4.0)).ToArray();
        var inputs = Tensor.FromArray(series[..500], 500, 1);
        var targets = Tensor.FromArray(series[1..], 500, 1);
        var esn = new EchoStateNetwork(1, 40, spectralRadius: 0.8, inputScaling: 0.5, generator: new Generator(7));
        esn.Fit(inputs.Narrow(0, 0, 300), targets.Narrow(0, 0, 300), washout: 50, ridge: 1e-10);
        var error = (esn.Predict(inputs) - targets).Narrow(0, 300, 200);
        double rmse = Math.Sqrt(error.Square().Mean().Item());
        Assert.True(rmse < 1e-4, $"test RMSE {rmse:E3}");
    }

    [Fact]
    public void BadArgumentsAreNamed()
    {
        var esn = new EchoStateNetwork(2, 5, generator: new Generator(1));
        Assert.Contains("call Fit first", Assert.Throws<InvalidOperationException>(() => esn.Predict(Tensor.Zeros(3, 2))).Message);
        Assert.Contains("inputs must be [T, 2], got shape [3, 3]", Assert.Throws<ArgumentException>(() => esn.Harvest(Tensor.Zeros(3, 3))).Message);
        Assert.Contains("washout must lie in [0, T)", Assert.Throws<ArgumentException>(() => esn.Fit(Tensor.Zeros(3, 2), Tensor.Zeros(3, 1), 3)).Message);
        Assert.Contains("spectralRadius must be positive", Assert.Throws<ArgumentException>(() => new EchoStateNetwork(1, 5, spectralRadius: 0)).Message);
        Assert.Contains("leakRate must lie in (0, 1]", Assert.Throws<ArgumentException>(() => new EchoStateNetwork(1, 5, leakRate: 0)).Message);
        Assert.Contains("expected a square matrix", Assert.Throws<ArgumentException>(() => SpectralRadius.Of(Tensor.Zeros(2, 3))).Message);
    }
}
