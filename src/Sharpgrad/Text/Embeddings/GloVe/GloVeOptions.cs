namespace Sharpgrad.Text.Embeddings;

/// <summary>
/// The hyper-parameters of <see cref="GloVe"/>. Defaults are the GloVe tool's (<c>cooccur -window-size 15</c>,
/// <c>glove -vector-size 50 -iter 25 -eta 0.05 -alpha 0.75 -x-max 100</c>), which are the paper's x_max and α.
/// </summary>
public sealed record GloVeOptions
{
    /// <summary>The dimension d of the word and context vectors.</summary>
    public int VectorSize { get; init; } = 50;

    /// <summary>The co-occurrence window: pairs up to this many words apart count, weighted 1/distance.</summary>
    public int Window { get; init; } = 15;

    /// <summary>x_max of the weighting f(x) = (x/x_max)^α below x_max, 1 above.</summary>
    public double XMax { get; init; } = 100;

    /// <summary>α of the weighting f(x) = (x/x_max)^α.</summary>
    public double WeightingPower { get; init; } = 0.75;

    /// <summary>η, AdaGrad's initial learning rate.</summary>
    public double LearningRate { get; init; } = 0.05;

    /// <summary>Passes over the non-zero co-occurrence entries.</summary>
    public int Epochs { get; init; } = 25;

    /// <summary>Seeds the initial parameters and the order of the entries in every epoch.</summary>
    public long Seed { get; init; } = 1;

    /// <summary>Worker threads of an epoch (<see cref="GloVeSchedules"/>).</summary>
    public int Threads { get; init; } = 1;

    /// <summary>
    /// Off (the default, as <c>glove.c</c>): HOGWILD!, each thread steps its share of the shuffled entries on the
    /// shared parameters without locks, so with more than one thread the bits depend on the scheduler. On: the
    /// stratified schedule, whose vectors are the same for a seed at any thread count.
    /// </summary>
    public bool Deterministic { get; init; }

    /// <summary>
    /// In deterministic mode, the number P of word groups: the V × V matrix is cut into P × P blocks and an epoch runs
    /// P strata of P blocks that share no row and no column. Fixed by the options, not the thread count, so the
    /// schedule (and the result) does not depend on the threads; at most P threads find work.
    /// </summary>
    public int Strata { get; init; } = 8;

    /// <summary>Throws when an option is out of range, naming it and the value.</summary>
    public void Validate()
    {
        static void Require(bool ok, string message)
        {
            if (!ok) throw new ArgumentException("GloVe: " + message);
        }
        Require(VectorSize >= 1, $"VectorSize must be at least 1, got {VectorSize}.");
        Require(Window >= 1, $"Window must be at least 1, got {Window}.");
        Require(double.IsFinite(XMax) && XMax > 0, $"XMax must be positive and finite, got {XMax}.");
        Require(double.IsFinite(WeightingPower) && WeightingPower >= 0, $"WeightingPower must be finite and non-negative, got {WeightingPower}.");
        Require(double.IsFinite(LearningRate) && LearningRate > 0, $"LearningRate must be positive and finite, got {LearningRate}.");
        Require(Epochs >= 1, $"Epochs must be at least 1, got {Epochs}.");
        Require(Threads >= 1, $"Threads must be at least 1, got {Threads}.");
        Require(Strata >= 1, $"Strata must be at least 1, got {Strata}.");
    }
}
