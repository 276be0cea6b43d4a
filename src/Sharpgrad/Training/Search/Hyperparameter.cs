using System.Globalization;

namespace Sharpgrad.Training;

/// <summary>
/// One dimension of a hyper-parameter search space (GBC §11.4.3–11.4.4): a continuous range sampled uniformly or
/// log-uniformly, or a list of values. Create them with <see cref="Uniform"/>, <see cref="LogUniform"/> and
/// <see cref="Categorical"/>; values are doubles for the ranges and whatever was listed for the categories.
/// </summary>
public abstract class Hyperparameter
{
    private protected Hyperparameter(string name)
    {
        if (string.IsNullOrWhiteSpace(name)) throw new ArgumentException("Hyperparameter: the name must not be empty.", nameof(name));
        Name = name;
    }

    public string Name { get; }

    /// <summary>One value drawn from <paramref name="generator"/>.</summary>
    public abstract object Sample(Generator generator);

    /// <summary>The values a grid search tries, or null for a continuous range (which a grid cannot enumerate).</summary>
    public virtual IReadOnlyList<object>? GridValues => null;

    /// <summary>Uniform on [low, high): for hyper-parameters whose effect is roughly linear (dropout rate, momentum).</summary>
    public static Hyperparameter Uniform(string name, double low, double high) => new UniformRange(name, low, high, logScale: false);

    /// <summary>
    /// log x uniform on [log low, log high): for scale parameters such as the learning rate or weight decay, where
    /// 1e-4 → 1e-3 matters as much as 1e-2 → 1e-1 (GBC §11.4.4 samples the learning rate this way). Needs 0 &lt; low &lt; high.
    /// </summary>
    public static Hyperparameter LogUniform(string name, double low, double high) => new UniformRange(name, low, high, logScale: true);

    /// <summary>One of <paramref name="values"/>, each equally likely (a grid tries all of them).</summary>
    public static Hyperparameter Categorical(string name, params object[] values) => new CategoricalValues(name, values);

    private sealed class UniformRange : Hyperparameter
    {
        private readonly double low, high;
        private readonly bool logScale;

        public UniformRange(string name, double low, double high, bool logScale) : base(name)
        {
            string kind = logScale ? "LogUniform" : "Uniform";
            if (!double.IsFinite(low) || !double.IsFinite(high) || !(low < high))
                throw new ArgumentException($"Hyperparameter.{kind}(\"{name}\"): expected finite low < high, got [{low}, {high}).");
            if (logScale && !(low > 0))
                throw new ArgumentException($"Hyperparameter.LogUniform(\"{name}\"): the range must be positive, got [{low}, {high}).");
            (this.low, this.high, this.logScale) = (low, high, logScale);
        }

        public override object Sample(Generator generator)
        {
            double u = generator.NextDouble();
            return logScale ? Math.Exp(Math.Log(low) + u * (Math.Log(high) - Math.Log(low))) : low + u * (high - low);
        }

        public override string ToString() => string.Create(CultureInfo.InvariantCulture,
            $"{Name} ~ {(logScale ? "LogUniform" : "Uniform")}[{low}, {high})");
    }

    private sealed class CategoricalValues : Hyperparameter
    {
        private readonly object[] values;

        public CategoricalValues(string name, object[] values) : base(name)
        {
            ArgumentNullException.ThrowIfNull(values);
            if (values.Length == 0) throw new ArgumentException($"Hyperparameter.Categorical(\"{name}\"): expected at least one value.");
            if (values.Any(v => v is null)) throw new ArgumentException($"Hyperparameter.Categorical(\"{name}\"): values must not be null.");
            this.values = (object[])values.Clone();
        }

        public override object Sample(Generator generator) => values[generator.NextInt64(values.Length)];

        public override IReadOnlyList<object> GridValues => values;

        public override string ToString() => $"{Name} ∈ {{{string.Join(", ", values.Select(v => Convert.ToString(v, CultureInfo.InvariantCulture)))}}}";
    }
}
