using Sharpgrad.Kernels;

namespace Sharpgrad.Backends;

// The primitives of int8 inference (GBC §12.1.6; Sharpgrad.Quantization): integer buffers, the affine maps between
// float tensors and codes, the int8 matrix product with int32 sums, requantisation of those sums to the next layer's
// codes, and im2col on codes so a convolution runs on the same product. Integer arithmetic is exact, so the cpu
// backend must agree with the reference backend bit for bit.
internal abstract partial class Backend
{
    /// <summary>A zero-filled buffer of <paramref name="length"/> integers of <paramref name="kind"/>.</summary>
    public abstract IntegerStorage AllocateIntegers(IntegerKind kind, int length);

    /// <summary>Hands a buffer that nothing reads any more back to the backend's pool, for the next allocation of its size.</summary>
    public abstract void ReleaseIntegers(IntegerStorage storage);

    /// <summary>Writes <paramref name="values"/> into <paramref name="destination"/>; each must fit its kind.</summary>
    public abstract void UploadIntegers(IntegerStorage destination, ReadOnlySpan<int> values);

    /// <summary>The elements of <paramref name="source"/>, widened to int.</summary>
    public abstract int[] DownloadIntegers(IntegerStorage source);

    /// <summary>
    /// codes[i] = quantizer.Code(x[i], channel of i) for the contiguous float32 tensor x; with C channels, element i
    /// belongs to channel i / (x.Count / C) (dim 0 of a weight). codes is UInt8 or Int8 of x.Count elements.
    /// </summary>
    public abstract void Quantize(IntegerStorage codes, Tensor x, AffineQuantizer quantizer);

    /// <summary>x[i] = quantizer.Value(codes[i], channel of i): the inverse map, into the contiguous float32 tensor x.</summary>
    public abstract void Dequantize(Tensor x, IntegerStorage codes, AffineQuantizer quantizer);

    /// <summary>
    /// c[i, j] = Σₗ a[i, l]·b[j, l] for uint8 a [m, k], int8 b [n, k] and int32 c [m, n], all row-major: the int8
    /// GEMM with int32 accumulation (u8×s8→s32, as fbgemm). Both operands are read along k, the layout of a Linear
    /// weight [out, in] and of the rows of <see cref="ImageToRows"/>. Exact: |sum| ≤ k·255·128 fits int32 for k &lt; 65,793.
    /// </summary>
    public abstract void IntegerMatMul(IntegerStorage c, IntegerStorage a, IntegerStorage b, int m, int n, int k);

    /// <summary>
    /// output = the uint8 codes of the int32 sums [rows, channels] (<see cref="Requantizer"/>), stored channel-major per
    /// image: the sum of row r, channel j goes to output[(r / positions)·channels·positions + j·positions + r % positions],
    /// so a convolution's rows (one per output position) land in NCHW order, and with positions = 1 a Linear's stay [rows, channels].
    /// </summary>
    public abstract void Requantize(IntegerStorage output, IntegerStorage sums, Requantizer requantizer, int rows, int positions);

    /// <summary>
    /// im2col transposed on uint8 codes ("im2row"): rows[n·L + p, c·K + k] = image[n, c, p·S − P + k·D] for image
    /// [N, C, input…] and rows [N·L, C·K], taps outside the image reading <paramref name="padding"/> (the code of the
    /// real 0, the input's zero point, so padding stays zero after dequantisation).
    /// </summary>
    public abstract void ImageToRows(IntegerStorage rows, IntegerStorage image, ConvGeometry geometry, byte padding);

    /// <summary>Fails unless every buffer lives on this backend's device.</summary>
    protected void RequireOwn(string op, IntegerStorage a, IntegerStorage? b = null, IntegerStorage? c = null)
    {
        if (a.Device != Device || (b is not null && b.Device != Device) || (c is not null && c.Device != Device))
            throw new InvalidOperationException($"{op}: expected all integer buffers on device {Device}, got "
                + string.Join(", ", new[] { a, b, c }.OfType<IntegerStorage>().Select(s => s.Device.Name)) + ".");
    }
}
