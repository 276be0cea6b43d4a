using Sharpgrad.NN;

namespace Sharpgrad.Cli.Experiments;

/// <summary>The error of one reservoir: normalised RMSE (RMSE / standard deviation of the targets) on the test part.</summary>
public sealed record EchoStatePoint(double SpectralRadius, double TrainNrmse, double TestNrmse);

/// <summary>The sweep's points and the persistence baseline x̂(t + h) = x(t), which every useful model must beat.</summary>
public sealed record EchoStateSweepResult(IReadOnlyList<EchoStatePoint> Points, double PersistenceNrmse, int Horizon);

/// <summary>
/// An echo state network (GBC §10.8) predicting the Mackey–Glass series <see cref="Horizon"/> samples ahead from the
/// inputs so far, with a ridge readout (β = 1e-8), for reservoirs of the same random draw rescaled to spectral radii
/// from 0.1 to 1.5. A radius near 1 gives the reservoir the memory the delay needs; far below 1 it forgets within a few
/// steps, above 1 its states stop being a function of the input alone (the echo state property fails). Full mode:
/// reservoir 200, 2000 training samples (washout 100), 1000 test samples; quick mode: 60, 600 (washout 50), 300.
/// </summary>
public static class EchoStateSweep
{
    public const int Horizon = 10;
    public const double Ridge = 1e-8, InputScaling = 0.5, LeakRate = 1;

    public static IReadOnlyList<double> Radii(bool quick) => quick ? [0.1, 0.9, 1.5] : [0.1, 0.3, 0.5, 0.7, 0.8, 0.9, 0.95, 1.0, 1.1, 1.25, 1.5];

    public static EchoStateSweepResult Run(bool quick = false, int seed = 0)
    {
        int reservoir = quick ? 60 : 200, train = quick ? 600 : 2000, test = quick ? 300 : 1000, washout = quick ? 50 : 100;
        var series = MackeyGlass.Generate(train + test + Horizon);
        // Centre the series (mean ≈ 0.9) so that tanh units are driven around 0.
        double mean = series.Take(train).Average();
        var centred = series.Select(v => v - mean).ToArray();
        var inputs = Tensor.FromArray(centred[..(train + test)], train + test, 1);
        var targets = Tensor.FromArray(centred[Horizon..], train + test, 1);
        var points = Radii(quick).Select(radius =>
        {
            var esn = new EchoStateNetwork(1, reservoir, radius, InputScaling, LeakRate, generator: new Generator(seed));
            esn.Fit(inputs.Narrow(0, 0, train), targets.Narrow(0, 0, train), washout, Ridge);
            var predicted = esn.Predict(inputs);
            return new EchoStatePoint(radius, Nrmse(predicted, targets, washout, train - washout), Nrmse(predicted, targets, train, test));
        }).ToList();
        return new(points, Nrmse(inputs, targets, train, test), Horizon);
    }

    private static double Nrmse(Tensor predicted, Tensor targets, int start, int length)
    {
        var y = targets.Narrow(0, start, length);
        var error = predicted.Narrow(0, start, length) - y;
        return Math.Sqrt(error.Square().Mean().Item() / (y - y.Mean()).Square().Mean().Item());
    }
}
