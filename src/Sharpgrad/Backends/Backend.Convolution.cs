using Sharpgrad.Kernels;

namespace Sharpgrad.Backends;

// Convolution primitives (NN/Convolution/ConvMaps.cs). A convolution with weight W [O, C/G, kernel…] maps images
// x [N, C, input…] to y [N, O, output…]; 1-D and 2-D convolutions are lifted to three spatial dims with size-1 leading
// dims (ConvGeometry). Its three linear maps — the forward pass, its adjoint in x (the input gradient, and a transposed
// convolution's forward pass) and the weight gradient — are one primitive each. Every tensor here is float32 or float64,
// all of one dtype, and contiguous; each primitive writes its first argument.
internal abstract partial class Backend
{
    /// <summary>Prepares this backend to compute the convolution of <paramref name="geometry"/> (see <see cref="ConvolutionPlan"/>).</summary>
    public abstract ConvolutionPlan PlanConvolution(ConvGeometry geometry, int groups, int outChannels, DType dtype);

    /// <summary>
    /// y[n, o, p] = bias[o] + Σ_c Σ_k w[o, c, k]·x[n, g·C/G + c, p·S − P + k·D] over the channels c of o's group g,
    /// reads outside the input being zero (GBC eq. 9.8 with zero padding, dilation and groups). bias [O] may be null.
    /// y is overwritten (it may arrive uninitialised). <paramref name="inference"/> is a hint: the caller computes no
    /// gradients, so w is likely read again unchanged and a backend may keep it in a prepared form (it changes no value).
    /// </summary>
    public abstract void ConvForward(ConvolutionPlan plan, Tensor y, Tensor x, Tensor w, Tensor? bias, bool inference);

    /// <summary>
    /// x = bias + the adjoint of <see cref="ConvForward"/> applied to y: x[n, c, i] = bias[c] + Σ w[o, c′, k]·y[n, o, p]
    /// over the out channels o of c's group and the (p, k) with p·S − P + k·D = i (GBC §9.5, eqs. 9.12–9.13). bias [C]
    /// may be null. x is overwritten.
    /// </summary>
    public abstract void ConvAdjoint(ConvolutionPlan plan, Tensor x, Tensor y, Tensor w, Tensor? bias);

    /// <summary>
    /// gradient[o, c, k] = Σ_n Σ_p y[n, o, p]·x[n, g·C/G + c, p·S − P + k·D] (GBC §9.5, eq. 9.11): the weight gradient
    /// of both maps above, [O, C/G, kernel…], overwritten.
    /// </summary>
    public abstract void ConvWeightGradient(ConvolutionPlan plan, Tensor gradient, Tensor x, Tensor y);

    /// <summary>sums[c] = Σ_n Σ_l t[n, c, l] for t [N, C, spatial…]: the gradient of a bias added per channel. sums [C] is overwritten.</summary>
    public abstract void ChannelSums(Tensor sums, Tensor t);

    /// <summary>
    /// im2col: columns[c·K + k, n·L + p] = image[n, c, p·S − P + k·D] for image [N, C, input…] and columns [C·K, N·L]
    /// (K kernel taps, L output positions). Entries that read padding are not written: columns must arrive zeroed.
    /// </summary>
    public abstract void ImageToColumns(Tensor columns, Tensor image, ConvGeometry geometry);

    /// <summary>
    /// col2im, the adjoint of <see cref="ImageToColumns"/>: adds every entry of columns [C·K, N·L] onto the pixel of
    /// image [N, C, input…] it stands for. The image must arrive zeroed.
    /// </summary>
    public abstract void ColumnsToImage(Tensor image, Tensor columns, ConvGeometry geometry);
}
