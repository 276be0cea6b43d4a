using System.Numerics;
using Sharpgrad.Kernels;

namespace Sharpgrad.Backends.Cpu;

internal sealed partial class CpuBackend
{
    public override ConvolutionPlan PlanConvolution(ConvGeometry geometry, int groups, int outChannels, DType dtype)
        => CpuConvolutionPlans.Get(geometry, groups, outChannels, dtype);

    public override void ConvForward(ConvolutionPlan plan, Tensor y, Tensor x, Tensor w, Tensor? bias, bool inference)
    {
        RequireOwn("ConvForward", y, x, w, bias);
        var algorithm = Algorithm("ConvForward", plan);
        if (y.DType == DType.Float32) Forward<float>(algorithm, y, x, w, bias, inference);
        else Forward<double>(algorithm, y, x, w, bias, inference);
    }

    public override void ConvAdjoint(ConvolutionPlan plan, Tensor x, Tensor y, Tensor w, Tensor? bias)
    {
        RequireOwn("ConvAdjoint", x, y, w, bias);
        var algorithm = Algorithm("ConvAdjoint", plan);
        if (x.DType == DType.Float32) Adjoint<float>(algorithm, x, y, w, bias);
        else Adjoint<double>(algorithm, x, y, w, bias);
    }

    public override void ConvWeightGradient(ConvolutionPlan plan, Tensor gradient, Tensor x, Tensor y)
    {
        RequireOwn("ConvWeightGradient", gradient, x, y);
        var algorithm = Algorithm("ConvWeightGradient", plan);
        if (gradient.DType == DType.Float32) WeightGradient<float>(algorithm, gradient, x, y);
        else WeightGradient<double>(algorithm, gradient, x, y);
    }

    public override void ChannelSums(Tensor sums, Tensor t)
    {
        RequireOwn("ChannelSums", sums, t);
        if (t.DType == DType.Float32) ChannelSums<float>(sums, t);
        else ChannelSums<double>(sums, t);
    }

    public override void ImageToColumns(Tensor columns, Tensor image, ConvGeometry geometry)
    {
        RequireOwn("ImageToColumns", columns, image);
        RequireAtStart("ImageToColumns", columns);
        if (image.DType == DType.Float32) Im2Col.ImageToColumns(image.Data<float>(), image.offset, geometry, columns.Data<float>());
        else Im2Col.ImageToColumns(image.Data<double>(), image.offset, geometry, columns.Data<double>());
    }

    public override void ColumnsToImage(Tensor image, Tensor columns, ConvGeometry geometry)
    {
        RequireOwn("ColumnsToImage", image, columns);
        RequireAtStart("ColumnsToImage", image);
        if (columns.DType == DType.Float32) Im2Col.ColumnsToImage(columns.Data<float>(), columns.offset, geometry, image.Data<float>());
        else Im2Col.ColumnsToImage(columns.Data<double>(), columns.offset, geometry, image.Data<double>());
    }

    /// <summary>The im2col kernels write their output from the start of its array.</summary>
    private static void RequireAtStart(string op, Tensor output)
    {
        if (output.offset != 0)
            throw new ArgumentException($"{op}: expected the output to start at element 0 of its storage, got offset {output.offset}.");
    }

    private static ConvAlgorithm Algorithm(string op, ConvolutionPlan plan) => plan is CpuConvolutionPlan own
        ? own.Algorithm
        : throw new InvalidOperationException($"{op}: expected a convolution plan made by the cpu backend (PlanConvolution), got a {plan.GetType().Name}.");

    private static void Forward<T>(ConvAlgorithm algorithm, Tensor y, Tensor x, Tensor w, Tensor? bias, bool inference) where T : unmanaged, INumber<T>
        => algorithm.Forward(x.Data<T>(), x.offset, w.Data<T>(), w.offset, bias?.Data<T>(), bias?.offset ?? 0, y.Data<T>(), y.offset,
            CpuPackedConvWeights.For<T>(algorithm, w, inference), PooledArrays<T>.Lender);

    private static void Adjoint<T>(ConvAlgorithm algorithm, Tensor x, Tensor y, Tensor w, Tensor? bias) where T : unmanaged, INumber<T>
        => algorithm.Adjoint(y.Data<T>(), y.offset, w.Data<T>(), w.offset, bias?.Data<T>(), bias?.offset ?? 0, x.Data<T>(), x.offset,
            PooledArrays<T>.Lender);

    /// <summary>
    /// The buffer pool as the kernels' lender: a training call's weights packed once per call (≈ 2 × 37 MB per VGG-11
    /// step) are rented and returned instead of left as large-object garbage.
    /// </summary>
    private static class PooledArrays<T> where T : unmanaged
    {
        public static readonly ArrayLender<T> Lender = new(BufferPool.Shared.Rent<T>, BufferPool.Shared.Return);
    }

    private static void WeightGradient<T>(ConvAlgorithm algorithm, Tensor gradient, Tensor x, Tensor y) where T : unmanaged, INumber<T>
        => algorithm.WeightGradient(x.Data<T>(), x.offset, y.Data<T>(), y.offset, gradient.Data<T>(), gradient.offset);

    /// <summary>t [N, C, spatial…] read as [N, C, L].</summary>
    private static void ChannelSums<T>(Tensor sums, Tensor t) where T : unmanaged, INumber<T>
        => Kernels.ChannelSums.Compute(t.Data<T>(), t.offset, t.shape[0], t.shape[1], ShapeUtil.Product(t.shape, 2, t.Rank),
            sums.Data<T>(), sums.offset);
}
