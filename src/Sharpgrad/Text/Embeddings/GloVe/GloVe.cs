namespace Sharpgrad.Text.Embeddings;

/// <summary>
/// GloVe (Pennington, Socher &amp; Manning 2014; NYU 6.3.1): word vectors w_i and context vectors w̃_j with biases,
/// fitted by weighted least squares to the logarithm of the co-occurrence counts X (<see cref="CooccurrenceMatrix"/>):
/// <code>J = ½ Σ_{X_ij &gt; 0} f(X_ij) (w_i·w̃_j + b_i + b̃_j − log X_ij)²,   f(x) = (x/x_max)^α for x &lt; x_max, else 1.</code>
/// The paper's eq. 8 has no ½; the GloVe tool minimises and reports this half, and its steps are the gradient of it.
/// f keeps rare, noisy pairs from dominating and caps frequent ones; pairs that never co-occur contribute nothing
/// (log 0 is undefined), so only the non-zero entries are visited.
/// </summary>
/// <remarks>
/// Trained as <c>glove.c</c> does: one SGD step per non-zero entry, the entries in a fresh seeded random order every
/// epoch (the tool shuffles once, up front), AdaGrad per parameter with an accumulator that starts at 1 and is
/// updated after the step with the square of the η-scaled gradient. <see cref="GloVeOptions.Threads"/> share an epoch
/// HOGWILD!, as the tool's threads do (<see cref="HogwildGloVeSchedule"/>: one thread is the sequential algorithm, a
/// function of the seed alone; more are not deterministic), or, with <see cref="GloVeOptions.Deterministic"/>, by
/// stratified SGD (<see cref="StratifiedGloVeSchedule"/>: the same bits at any thread count). Parameters are doubles, as the tool's default
/// <c>real</c>; all start uniform in [−0.5/d, 0.5/d). The output vectors are w + w̃ (the tool's <c>-model 2</c>, the
/// paper's §4.2 choice: the two are equivalent up to initialisation when X is symmetric, and their sum is a little better).
/// </remarks>
public sealed class GloVe
{
    private readonly double[] w, context, bias, contextBias;          // parameters
    private readonly double[] wSquares, contextSquares, biasSquares, contextBiasSquares; // AdaGrad accumulators
    private readonly Generator random;

    /// <summary>A model over <paramref name="vocabulary"/>, parameters freshly initialised from the seed.</summary>
    public GloVe(Vocabulary vocabulary, GloVeOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(vocabulary);
        Options = options ?? new GloVeOptions();
        Options.Validate();
        Vocabulary = vocabulary;
        int v = vocabulary.Count, d = Options.VectorSize;
        random = new Generator(Options.Seed);
        double Draw() => (random.NextDouble() - 0.5) / d;
        w = [.. Enumerable.Range(0, v * d).Select(_ => Draw())];
        context = [.. Enumerable.Range(0, v * d).Select(_ => Draw())];
        bias = [.. Enumerable.Range(0, v).Select(_ => Draw())];
        contextBias = [.. Enumerable.Range(0, v).Select(_ => Draw())];
        wSquares = Ones(v * d);
        contextSquares = Ones(v * d);
        biasSquares = Ones(v);
        contextBiasSquares = Ones(v);
    }

    private static double[] Ones(int n)
    {
        var a = new double[n];
        Array.Fill(a, 1.0);
        return a;
    }

    /// <summary>The hyper-parameters, validated.</summary>
    public GloVeOptions Options { get; }

    /// <summary>The words, most frequent first.</summary>
    public Vocabulary Vocabulary { get; }

    /// <summary>The word vectors w, V × d row-major (writable, so tests can set a case by hand).</summary>
    public Span<double> WordVectors => w;

    /// <summary>The context vectors w̃, V × d row-major.</summary>
    public Span<double> ContextVectors => context;

    /// <summary>The word biases b.</summary>
    public Span<double> WordBiases => bias;

    /// <summary>The context biases b̃.</summary>
    public Span<double> ContextBiases => contextBias;

    /// <summary>f(x) = (x/x_max)^α below x_max, 1 from x_max on (the paper's eq. 9).</summary>
    public double Weighting(double x) => x < Options.XMax ? Math.Pow(x / Options.XMax, Options.WeightingPower) : 1;

    /// <summary>The residual w_i·w̃_j + b_i + b̃_j − log X_ij of one entry.</summary>
    private double Residual(CooccurrenceMatrix.Entry e)
    {
        int d = Options.VectorSize;
        var wi = w.AsSpan(e.Row * d, d);
        var cj = context.AsSpan(e.Column * d, d);
        double dot = 0;
        for (int k = 0; k < d; k++) dot += wi[k] * cj[k];
        return dot + bias[e.Row] + contextBias[e.Column] - Math.Log(e.Value);
    }

    /// <summary>J = ½ Σ f(X_ij)(w_i·w̃_j + b_i + b̃_j − log X_ij)² over the non-zero entries of <paramref name="x"/>.</summary>
    public double Loss(CooccurrenceMatrix x)
    {
        Check(x);
        double loss = 0;
        foreach (var e in x.Entries)
        {
            double r = Residual(e);
            loss += 0.5 * Weighting(e.Value) * r * r;
        }
        return loss;
    }

    /// <summary>
    /// ∂J/∂ of every parameter at the current point, over all entries at once: with r_ij the residual,
    /// ∂J/∂w_i = Σ_j f(X_ij) r_ij w̃_j, ∂J/∂w̃_j = Σ_i f(X_ij) r_ij w_i, ∂J/∂b_i = Σ_j f(X_ij) r_ij, ∂J/∂b̃_j = Σ_i f(X_ij) r_ij.
    /// </summary>
    public (double[] Words, double[] Contexts, double[] WordBiases, double[] ContextBiases) Gradient(CooccurrenceMatrix x)
    {
        Check(x);
        int d = Options.VectorSize;
        double[] gw = new double[w.Length], gc = new double[context.Length], gb = new double[bias.Length], gcb = new double[contextBias.Length];
        foreach (var e in x.Entries)
        {
            double g = Weighting(e.Value) * Residual(e);
            for (int k = 0; k < d; k++)
            {
                gw[e.Row * d + k] += g * context[e.Column * d + k];
                gc[e.Column * d + k] += g * w[e.Row * d + k];
            }
            gb[e.Row] += g;
            gcb[e.Column] += g;
        }
        return (gw, gc, gb, gcb);
    }

    /// <summary>
    /// <see cref="GloVeOptions.Epochs"/> passes over the entries of <paramref name="x"/>, each in a fresh random
    /// order, on <see cref="GloVeOptions.Threads"/> threads; returns the mean of ½ f r² over the entries of each epoch, measured as it went (the tool's "cost").
    /// <paramref name="progress"/> hears (epoch from 1, that cost) after each pass.
    /// </summary>
    public IReadOnlyList<double> Train(CooccurrenceMatrix x, Action<int, double>? progress = null)
    {
        Check(x);
        if (x.Entries.Count == 0)
            throw new ArgumentException("GloVe.Train: the co-occurrence matrix is empty: no two vocabulary words share a sentence.", nameof(x));
        var schedule = GloVeSchedule.For(this, x, random);
        var costs = new List<double>(Options.Epochs);
        for (int epoch = 1; epoch <= Options.Epochs; epoch++)
        {
            costs.Add(schedule.Epoch(epoch - 1) / x.Entries.Count);
            progress?.Invoke(epoch, costs[^1]);
        }
        return costs;
    }

    /// <summary>
    /// One AdaGrad step on one entry, as <c>glove.c</c>: g = η·f(X)·r; each component moves by −(g·other)/√G and G
    /// then grows by (g·other)², G starting at 1; the biases by −g/√G. Returns the entry's ½ f r² before the step.
    /// </summary>
    internal double Step(CooccurrenceMatrix.Entry e)
    {
        int d = Options.VectorSize;
        double r = Residual(e), f = Weighting(e.Value);
        double g = Options.LearningRate * f * r;
        var wi = w.AsSpan(e.Row * d, d);
        var cj = context.AsSpan(e.Column * d, d);
        var sw = wSquares.AsSpan(e.Row * d, d);
        var sc = contextSquares.AsSpan(e.Column * d, d);
        for (int k = 0; k < d; k++)
        {
            double toWord = g * cj[k], toContext = g * wi[k];
            wi[k] -= toWord / Math.Sqrt(sw[k]);
            cj[k] -= toContext / Math.Sqrt(sc[k]);
            sw[k] += toWord * toWord;
            sc[k] += toContext * toContext;
        }
        bias[e.Row] -= g / Math.Sqrt(biasSquares[e.Row]);
        contextBias[e.Column] -= g / Math.Sqrt(contextBiasSquares[e.Column]);
        biasSquares[e.Row] += g * g;
        contextBiasSquares[e.Column] += g * g;
        return 0.5 * f * r * r;
    }

    private void Check(CooccurrenceMatrix x)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (x.Size != Vocabulary.Count)
            throw new ArgumentException($"GloVe: the co-occurrence matrix is {x.Size} × {x.Size}, expected {Vocabulary.Count} × {Vocabulary.Count} (the vocabulary's size).", nameof(x));
    }

    /// <summary>The output vectors w + w̃ (the tool's <c>-model 2</c>) with their words, as float32.</summary>
    public KeyedVectors Vectors()
    {
        var sum = new float[w.Length];
        for (int i = 0; i < sum.Length; i++) sum[i] = (float)(w[i] + context[i]);
        return new KeyedVectors([.. Vocabulary.Words], sum, Options.VectorSize);
    }
}
