using Sharpgrad.NN;

namespace Sharpgrad.Generative;

/// <summary>
/// An unnormalised Gaussian density, log p̃(x) = −½‖Aᵀ(x − μ)‖² = −½(x − μ)ᵀP(x − μ) with precision P = AAᵀ, returned
/// per example [N] by <see cref="Module{TInput, TResult}.Forward"/>. It is the toy model on which the estimators that avoid
/// the partition function (score matching, NCE; GBC §18.4, §18.6) can be checked against closed forms: its log Z is
/// (d/2)·log 2π − log|det A|. Parameters: "mean" μ [d] and "precision_factor" A [d, d], starting at 0 and I.
/// </summary>
public sealed class GaussianEnergyModel : Module<Tensor, Tensor>
{
    public GaussianEnergyModel(int dimension, DType dtype = DType.Float32)
    {
        if (dimension < 1) throw new ArgumentOutOfRangeException(nameof(dimension), $"GaussianEnergyModel: dimension must be positive, got {dimension}.");
        Mean = RegisterParameter("mean", Tensor.Zeros([dimension], dtype));
        PrecisionFactor = RegisterParameter("precision_factor", Tensor.Eye(dimension, dtype: dtype));
    }

    public Tensor Mean { get; }

    public Tensor PrecisionFactor { get; }

    public int Dimension => Mean.Size(0);

    /// <summary>P = AAᵀ.</summary>
    public Tensor Precision => PrecisionFactor.MatMul(PrecisionFactor.T);

    protected override Tensor ForwardCore(Tensor input)
    {
        if (input.Rank != 2 || input.Size(1) != Dimension)
            throw new ArgumentException($"GaussianEnergyModel: expected inputs [N, {Dimension}], got {input.ShapeText}.");
        return (input - Mean).MatMul(PrecisionFactor).Square().Sum(1) * -0.5;
    }

    /// <summary>The exact log Z = (d/2)·log 2π − log|det A|, for checking estimators.</summary>
    public Tensor LogPartition() => Dimension * 0.5 * Math.Log(2 * Math.PI) - Linalg.SlogDet(PrecisionFactor).LogAbsDet;
}
