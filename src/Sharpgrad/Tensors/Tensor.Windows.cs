namespace Sharpgrad;

// Sliding windows as a strided view (Tensor.unfold in PyTorch; not the im2col Functional.Unfold of convolutions).
public sealed partial class Tensor
{
    /// <summary>
    /// Every window of <paramref name="size"/> elements along <paramref name="dim"/>, starting every
    /// <paramref name="step"/> elements: that dim becomes the number of windows, ⌊(n − size)/step⌋ + 1, and a new last
    /// dim of <paramref name="size"/> holds each window. A view sharing storage; overlapping windows alias the same
    /// elements, and the gradient of an element is the sum over the windows that contain it.
    /// </summary>
    public Tensor Unfold(int dim, int size, int step)
    {
        if (Rank == 0) throw new ArgumentException($"Unfold: expects a tensor of rank ≥ 1, got a 0-d tensor.");
        int d = ShapeUtil.NormalizeDim(dim, Rank, "Unfold");
        if (size < 0 || size > shape[d])
            throw new ArgumentException($"Unfold: window size {size} must be between 0 and the size {shape[d]} of dim {dim} (shape {ShapeText}).");
        if (step < 1) throw new ArgumentException($"Unfold: step must be positive, got {step}.");
        int windows = (shape[d] - size) / step + 1;
        int[] newShape = [.. shape, size];
        int[] newStrides = [.. strides, strides[d]];
        newShape[d] = windows;
        newStrides[d] = strides[d] * step;
        var view = ViewOf(newShape, newStrides, offset);
        return view.Record("Unfold", [this], g => [g.FoldWindows(shape, d, step)]);
    }

    /// <summary>
    /// The adjoint of Unfold: element j of every window goes back to position window·step + j of dim d, and the
    /// positions shared by several windows add up. One strided scatter per position within the window.
    /// </summary>
    private Tensor FoldWindows(int[] fullShape, int d, int step)
    {
        var sum = Zeros(fullShape, DType);
        for (int j = 0; j < shape[^1]; j++) sum += Select(-1, j).SliceScatterInto(fullShape, d, j, step);
        return sum;
    }
}
