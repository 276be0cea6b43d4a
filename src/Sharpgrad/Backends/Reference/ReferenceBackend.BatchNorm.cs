using System.Numerics;

namespace Sharpgrad.Backends.Reference;

// Batch normalisation written out as Ioffe & Szegedy (2015) Algorithm 1 and GBC §8.7.1 state it, one channel at a
// time: the channel's population is every x[n, c, s] of the batch; normalise it by its mean and standard deviation,
// then scale by γ and shift by β. The backward is the chain rule through those steps (Ioffe & Szegedy §3), summed over
// the population because the mean and variance depend on every x in it.
internal sealed partial class ReferenceBackend
{
    /// <summary>μ = (1/m) Σ xᵢ, then σ² = (1/m) Σ (xᵢ − μ)² (Algorithm 1, lines 1–2).</summary>
    protected override void BatchNormStatistics<T>(Tensor mean, Tensor variance, Tensor x)
    {
        var population = new ChannelPopulation(x);
        var m = T.CreateChecked(population.Size);
        T[] xs = x.Data<T>(), mu = mean.Data<T>(), sigma2 = variance.Data<T>();
        for (int c = 0; c < population.Channels; c++)
        {
            T sum = T.Zero;
            foreach (int i in population.Of(c)) sum += xs[x.offset + i];
            T average = sum / m;
            T squares = T.Zero;
            foreach (int i in population.Of(c)) squares += (xs[x.offset + i] - average) * (xs[x.offset + i] - average);
            mu[mean.offset + c] = average;
            sigma2[variance.offset + c] = squares / m;
        }
    }

    /// <summary>
    /// x̂ = (x − μ)/√(σ² + ε), y = γ·x̂ + β (Algorithm 1, lines 3–4); then + r and max(·, 0) when asked (a residual
    /// block's ReLU(BN(x) + r), He et al. 2016, Fig. 2).
    /// </summary>
    protected override void BatchNormForward<T>(Tensor y, Tensor x, Tensor mean, Tensor invStd, Tensor? weight, Tensor? bias, Tensor? residual,
        bool relu)
    {
        var population = new ChannelPopulation(x);
        T[] xs = x.Data<T>(), ys = y.Data<T>();
        for (int c = 0; c < population.Channels; c++)
            foreach (int i in population.Of(c))
            {
                T value = (xs[x.offset + i] - Channel<T>(mean, c)) * Channel<T>(invStd, c) * Gamma<T>(weight, c);
                // No bias is no addition at all, so that −0 stays −0.
                if (bias is not null) value += Channel<T>(bias, c);
                if (residual is not null) value += residual.Data<T>()[residual.offset + i];
                ys[y.offset + i] = relu ? T.Max(value, T.Zero) : value;
            }
    }

    /// <summary>
    /// ∂L/∂β = Σ g and ∂L/∂γ = Σ g·x̂. For the input: ∂L/∂x̂ = g·γ; with fixed statistics ∂L/∂x = ∂L/∂x̂ / σ; with batch
    /// statistics the paths through μ and σ² add −mean(∂L/∂x̂) and −x̂·mean(∂L/∂x̂·x̂), all divided by σ. After a ReLU
    /// with output y, g is first taken through it: g·1 where y &gt; 0, else g·0.
    /// </summary>
    protected override void BatchNormBackward<T>(Tensor? gradInput, Tensor gradWeight, Tensor gradBias, Tensor g, Tensor x, Tensor mean,
        Tensor invStd, Tensor? weight, bool batchStatistics, Tensor? reluOutput, Tensor? maskedGradient)
    {
        var population = new ChannelPopulation(x);
        var m = T.CreateChecked(population.Size);
        T[] xs = x.Data<T>(), dGamma = gradWeight.Data<T>(), dBeta = gradBias.Data<T>();
        var (gs, gOffset) = reluOutput is null ? (g.Data<T>(), g.offset) : (ThroughRelu<T>(g, reluOutput), 0);
        if (reluOutput is not null && maskedGradient is not null) gs.CopyTo(maskedGradient.Data<T>().AsSpan(maskedGradient.offset));
        for (int c = 0; c < population.Channels; c++)
        {
            T mu = Channel<T>(mean, c), r = Channel<T>(invStd, c), gamma = Gamma<T>(weight, c);
            T sumG = T.Zero, sumGXHat = T.Zero;
            foreach (int i in population.Of(c))
            {
                T gi = gs[gOffset + i];
                sumG += gi;
                sumGXHat += gi * (xs[x.offset + i] - mu) * r;
            }
            dBeta[gradBias.offset + c] = sumG;
            dGamma[gradWeight.offset + c] = sumGXHat;
            if (gradInput is null) continue;

            T[] dx = gradInput.Data<T>();
            foreach (int i in population.Of(c))
            {
                T gi = gs[gOffset + i], xHat = (xs[x.offset + i] - mu) * r;
                T dXHat = batchStatistics ? gi - sumG / m - xHat * (sumGXHat / m) : gi;
                dx[gradInput.offset + i] = gamma * r * dXHat;
            }
        }
    }

    /// <summary>g·[y &gt; 0] elementwise over contiguous g and y, indexed from 0: ReLU's derivative at its output.</summary>
    private static T[] ThroughRelu<T>(Tensor g, Tensor y) where T : unmanaged, INumber<T>
    {
        T[] gs = g.Data<T>(), ys = y.Data<T>(), masked = new T[g.Count];
        for (int i = 0; i < masked.Length; i++) masked[i] = gs[g.offset + i] * (ys[y.offset + i] > T.Zero ? T.One : T.Zero);
        return masked;
    }

    /// <summary>Element c of a [C] tensor.</summary>
    private static T Channel<T>(Tensor t, int c) where T : unmanaged => t.Data<T>()[t.offset + c * t.strides[0]];

    /// <summary>γ[c], or 1 when there is no weight.</summary>
    private static T Gamma<T>(Tensor? weight, int c) where T : unmanaged, INumber<T> => weight is null ? T.One : Channel<T>(weight, c);

    /// <summary>The row-major positions of channel c's m = N·S values in a contiguous [N, C, S] tensor (add the tensor's offset).</summary>
    private readonly struct ChannelPopulation(Tensor x)
    {
        private readonly int batch = x.shape[0], spatial = ShapeUtil.Count(x.shape.AsSpan(2));

        public int Channels { get; } = x.shape[1];

        public int Size => batch * spatial;

        public IEnumerable<int> Of(int c)
        {
            for (int n = 0; n < batch; n++)
                for (int s = 0; s < spatial; s++) yield return (n * Channels + c) * spatial + s;
        }
    }
}
