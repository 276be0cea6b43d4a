namespace Sharpgrad.Cli.Experiments;

/// <summary>
/// The Mackey–Glass delay differential equation (Mackey &amp; Glass 1977), the chaotic benchmark of echo state networks
/// (Jaeger &amp; Haas 2004): dx/dt = β x(t − τ)/(1 + x(t − τ)ⁿ) − γ x(t) with β = 0.2, γ = 0.1, n = 10 and τ = 17, where
/// the attractor is chaotic.
/// <para>Integrator: classical fourth-order Runge–Kutta with step dt (0.1 by default, so τ/dt = 170 steps). The delayed
/// value is read from the stored history: at the step's start and end it is a stored point, at the half step it is the
/// mean of the two stored points around it (linear interpolation, second order). The history before t = 0 is the
/// constant <c>initial</c> (1.2). After discarding <c>transient</c> time units the series is sampled every
/// <c>sampleInterval</c> (1) time unit.</para>
/// </summary>
public static class MackeyGlass
{
    public const double Beta = 0.2, Gamma = 0.1, Exponent = 10, DefaultTau = 17;

    public static double[] Generate(int samples, double tau = DefaultTau, double dt = 0.1, double sampleInterval = 1, double initial = 1.2,
        double transient = 500)
    {
        int delay = (int)Math.Round(tau / dt), every = (int)Math.Round(sampleInterval / dt), skip = (int)Math.Round(transient / dt);
        if (samples < 1 || delay < 1 || every < 1 || skip < 0 || Math.Abs(delay * dt - tau) > 1e-9 || Math.Abs(every * dt - sampleInterval) > 1e-9)
            throw new ArgumentException($"MackeyGlass.Generate: need samples ≥ 1 and tau, sampleInterval positive multiples of dt; got samples {samples}, tau {tau}, dt {dt}, sampleInterval {sampleInterval}.");
        int steps = skip + samples * every;
        // x[i] = x(i·dt − delay·dt): the first `delay` + 1 entries are the constant history up to t = 0.
        var x = new double[delay + 1 + steps];
        Array.Fill(x, initial, 0, delay + 1);
        for (int i = delay; i < x.Length - 1; i++)
        {
            double lagged = x[i - delay], laggedNext = x[i - delay + 1], laggedHalf = (lagged + laggedNext) / 2;
            double k1 = Slope(x[i], lagged);
            double k2 = Slope(x[i] + dt / 2 * k1, laggedHalf);
            double k3 = Slope(x[i] + dt / 2 * k2, laggedHalf);
            double k4 = Slope(x[i] + dt * k3, laggedNext);
            x[i + 1] = x[i] + dt / 6 * (k1 + 2 * k2 + 2 * k3 + k4);
        }
        return [.. Enumerable.Range(1, samples).Select(s => x[delay + skip + s * every])];
    }

    private static double Slope(double x, double lagged) => Beta * lagged / (1 + Math.Pow(lagged, Exponent)) - Gamma * x;
}
