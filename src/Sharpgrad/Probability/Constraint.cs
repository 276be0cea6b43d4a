using System.Globalization;

namespace Sharpgrad.Probability;

/// <summary>
/// A set of allowed values, like torch.distributions.constraints: what a distribution's parameters may be
/// (a Normal's scale is <see cref="Positive"/>) and where it puts probability (its <see cref="Distribution.Support"/>).
/// Parameters are checked when a distribution is built and values when <see cref="Distribution.LogProb"/> is called,
/// so a bad number fails at once with its name and value instead of surfacing later as NaN.
/// </summary>
public abstract class Constraint
{
    /// <summary>What a valid value is, phrased to follow "must be", e.g. "positive".</summary>
    public abstract string Description { get; }

    /// <summary>How many rightmost dims one check covers: 0 for elementwise constraints, 1 for a probability vector.</summary>
    public virtual int EventDims => 0;

    /// <summary>A bool tensor, true where <paramref name="value"/> satisfies the constraint (its shape less <see cref="EventDims"/>).</summary>
    public abstract Tensor Check(Tensor value);

    public override string ToString() => Description;

    /// <summary>Any number but NaN (±∞ allowed, as torch's <c>real</c>).</summary>
    public static Constraint Real { get; } = new Elementwise("real (not NaN)", v => v.Eq(v));

    public static Constraint Positive { get; } = new Elementwise("positive", v => v.Gt(0));

    public static Constraint NonNegative { get; } = new Elementwise("non-negative", v => v.Ge(0));

    /// <summary>The closed interval [0, 1].</summary>
    public static Constraint UnitInterval { get; } = new Elementwise("in [0, 1]", v => And(v.Ge(0), v.Le(1)));

    /// <summary>The two values 0 and 1 (a Bernoulli outcome).</summary>
    public static Constraint Boolean { get; } = new Elementwise("0 or 1", v => Or(v.Eq(0), v.Eq(1)));

    /// <summary>
    /// Probability vectors along the last dim: non-negative entries that sum to 1 within √ε of the dtype
    /// (3.5e-4 in float32, 1.5e-8 in float64), which absorbs the rounding of a softmax over thousands of classes.
    /// </summary>
    public static Constraint Simplex { get; } = new SimplexConstraint();

    /// <summary>The integers low, low+1, …, high (a Categorical outcome).</summary>
    public static Constraint IntegerInterval(long low, long high) => new Elementwise(
        $"an integer in [{low}, {high}]", v => And(And(v.Ge(low), v.Le(high)), v.Long().To(v.DType).Eq(v)));

    /// <summary>low ≤ value &lt; high, with bounds that may be tensors (a Uniform's support).</summary>
    public static Constraint HalfOpenInterval(Tensor low, Tensor high) =>
        new Elementwise("in [low, high)", v => And(v.Ge(low), v.Lt(high)));

    /// <summary>
    /// Throws an <see cref="ArgumentException"/> unless every element of <paramref name="value"/> satisfies the
    /// constraint. The message reads "<paramref name="what"/> must be …, got …" with the first offending value, e.g.
    /// "Normal: scale must be positive, got -1." — use it to check the parameters of a custom distribution.
    /// </summary>
    public void Validate(Tensor value, string what)
    {
        using var _ = Autograd.NoGrad();
        var ok = Check(value.Detach());
        if (ok.All()) return;
        throw new ArgumentException($"{what} must be {Description}, got {FirstViolation(value.Detach(), ok)}.");
    }

    /// <summary>The first value (or, for vector constraints, the first row) where <paramref name="ok"/> is false.</summary>
    private string FirstViolation(Tensor value, Tensor ok)
    {
        int first = (int)ok.Flatten().Eq(0).ArgMax().Item();
        var eventShape = value.Shape[(value.Rank - EventDims)..];
        var rows = value.Expand([.. ok.Shape, .. eventShape]).Reshape([-1, .. eventShape]);
        return Format(rows[first]);
    }

    internal static string Format(Tensor t)
    {
        string format = t.DType == DType.Float32 ? "G7" : "G15";
        var parts = t.ToDoubleArray().Select(v => v.ToString(format, CultureInfo.InvariantCulture));
        return t.Rank == 0 ? parts.Single() : "[" + string.Join(", ", parts) + "]";
    }

    private static Tensor And(Tensor a, Tensor b) => (a.Long() * b.Long()).Bool();

    private static Tensor Or(Tensor a, Tensor b) => (a.Long() + b.Long()).Bool();

    private sealed class Elementwise(string description, Func<Tensor, Tensor> check) : Constraint
    {
        public override string Description => description;
        public override Tensor Check(Tensor value) => check(value);
    }

    private sealed class SimplexConstraint : Constraint
    {
        public override string Description => "non-negative and sum to 1 along the last dim";
        public override int EventDims => 1;

        public override Tensor Check(Tensor value)
        {
            var v = value.DType.IsFloatingPoint() ? value : value.To(DType.Float32);
            double tolerance = Math.Sqrt(FloatLimits.Epsilon(v.DType));
            return And(v.Min(-1).Values.Ge(0), (v.Sum(-1) - 1).Abs().Le(tolerance));
        }
    }
}
