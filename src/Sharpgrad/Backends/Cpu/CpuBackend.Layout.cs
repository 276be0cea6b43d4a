using Sharpgrad.Kernels;

namespace Sharpgrad.Backends.Cpu;

internal sealed partial class CpuBackend
{
    /// <summary>A layout walking <paramref name="output"/> together with each operand broadcast to its shape.</summary>
    internal static StridedLayout Layout(Tensor output, params Tensor[] operands)
    {
        var offsets = new int[operands.Length + 1];
        offsets[0] = output.offset;
        bool contiguous = output.IsContiguous;
        for (int k = 0; k < operands.Length; k++)
        {
            offsets[k + 1] = operands[k].offset;
            contiguous &= operands[k].IsContiguous && Tensor.SameShape(operands[k], output);
        }
        if (contiguous) return StridedLayout.Contiguous(output.Count, offsets);

        var strides = new int[operands.Length + 1][];
        strides[0] = output.strides;
        for (int k = 0; k < operands.Length; k++)
            strides[k + 1] = ShapeUtil.BroadcastStrides(operands[k].shape, operands[k].strides, output.shape);
        return new StridedLayout(output.shape, strides, offsets);
    }

    /// <summary>The elements of a contiguous float64 tensor, for the kernels that work on float64 arrays.</summary>
    private static Memory<double> Elements(Tensor t) => t.Data<double>().AsMemory(t.offset, t.Count);
}
