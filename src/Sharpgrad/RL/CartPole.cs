namespace Sharpgrad.RL;

/// <summary>
/// The cart-pole balancing task exactly as gymnasium's CartPole-v1 (Barto, Sutton &amp; Anderson 1983, with the
/// equations of Florian 2007): a pole hinged on a cart that is pushed left (action 0) or right (action 1) with a fixed
/// force. The observation is (x, ẋ, θ, θ̇); the reward is 1 for every step, the terminating one included; the episode
/// terminates when |θ| &gt; 12° or |x| &gt; 2.4 and is truncated after 500 steps. Integration is explicit Euler
/// (gymnasium's "euler" kinematics), position updated from the old velocity.
/// </summary>
public sealed class CartPole : DiscreteActionEnvironment<double[]>
{
    public const double Gravity = 9.8;
    public const double MassCart = 1.0;
    public const double MassPole = 0.1;
    public const double TotalMass = MassCart + MassPole;
    /// <summary>Half the pole's length: the distance from the hinge to the pole's centre of mass.</summary>
    public const double Length = 0.5;
    public const double PoleMassLength = MassPole * Length;
    public const double ForceMagnitude = 10.0;
    /// <summary>The time step in seconds.</summary>
    public const double Tau = 0.02;
    /// <summary>12 degrees in radians, written as gymnasium computes it.</summary>
    public const double ThetaThreshold = 12 * 2 * Math.PI / 360;
    public const double XThreshold = 2.4;
    /// <summary>CartPole-v1's time limit (v0 had 200).</summary>
    public const int DefaultMaxEpisodeSteps = 500;

    private readonly double[] state = new double[4];

    /// <summary>A CartPole whose episodes are truncated after <paramref name="maxEpisodeSteps"/> steps (null: never).</summary>
    public CartPole(int? maxEpisodeSteps = DefaultMaxEpisodeSteps) : base(actionCount: 2, maxEpisodeSteps) { }

    /// <summary>
    /// Twice the termination thresholds for x and θ, unbounded velocities, as gymnasium's (which writes float32's
    /// largest value for "unbounded").
    /// </summary>
    public override Space ObservationSpace { get; } = new BoxSpace(
        [-2 * XThreshold, double.NegativeInfinity, -2 * ThetaThreshold, double.NegativeInfinity],
        [2 * XThreshold, double.PositiveInfinity, 2 * ThetaThreshold, double.PositiveInfinity]);

    /// <summary>The current state (x, ẋ, θ, θ̇), a copy.</summary>
    public double[] State => (double[])state.Clone();

    /// <summary>Starts an episode from a given state instead of a random one (for tests and demonstrations).</summary>
    public double[] ResetTo(double x, double xDot, double theta, double thetaDot)
    {
        StartEpisode();
        (state[0], state[1], state[2], state[3]) = (x, xDot, theta, thetaDot);
        return State;
    }

    /// <summary>Each state variable uniform in [−0.05, 0.05), as gymnasium.</summary>
    protected override double[] ResetCore()
    {
        for (int i = 0; i < state.Length; i++) state[i] = -0.05 + 0.1 * Generator.NextDouble();
        return State;
    }

    protected override (double[] Observation, double Reward, bool Terminated) StepCore(int action)
    {
        var (x, xDot, theta, thetaDot) = (state[0], state[1], state[2], state[3]);
        double force = action == 1 ? ForceMagnitude : -ForceMagnitude;
        double cos = Math.Cos(theta), sin = Math.Sin(theta);

        // The pole's angular acceleration from the coupled equations of motion (Florian 2007, eqs. 23 and 24, no friction).
        // θ̇² and cos²θ are rounded first, as gymnasium's theta_dot ** 2 is, so the trajectory matches it bit for bit.
        double temp = (force + PoleMassLength * (thetaDot * thetaDot) * sin) / TotalMass;
        double thetaAcc = (Gravity * sin - cos * temp) / (Length * (4.0 / 3.0 - MassPole * (cos * cos) / TotalMass));
        double xAcc = temp - PoleMassLength * thetaAcc * cos / TotalMass;

        // Explicit Euler: every variable moves with the derivative at the start of the step.
        state[0] = x + Tau * xDot;
        state[1] = xDot + Tau * xAcc;
        state[2] = theta + Tau * thetaDot;
        state[3] = thetaDot + Tau * thetaAcc;

        bool terminated = state[0] < -XThreshold || state[0] > XThreshold || state[2] < -ThetaThreshold || state[2] > ThetaThreshold;
        return (State, 1.0, terminated);
    }
}
