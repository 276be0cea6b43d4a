using System.Buffers;

namespace Sharpgrad.Data;

/// <summary>
/// Images kept as their 8-bit pixels and converted to float32 in [0, 1] (÷255, torchvision's <c>ToTensor</c>) one
/// batch at a time, with int64 targets: a quarter of the memory of a <see cref="TensorDataset"/> of float32 images,
/// with the same batches, bit for bit. torchvision's MNIST dataset does the same (it keeps <c>data</c> as uint8 and
/// applies <c>ToTensor</c> per item). Sample i is (image [C, H, W], Targets[i]); the pixels are row-major
/// [Count, C, H, W]. Made by <see cref="IdxReader.ReadByteDataset"/> and <see cref="Datasets.FashionMnistBytes"/>.
/// </summary>
/// <remarks>
/// Why: Fashion-MNIST's 60 000 training images are 47 MB as bytes but 188 MB as float32, and the GC sizes its budget
/// for the large-object heap in proportion to the large arrays that survive, so every live megabyte of dataset also
/// lets more garbage activations pile up between full collections (issue #21, docs/performance.md).
/// </remarks>
public sealed class ByteImageDataset : Dataset
{
    private readonly byte[] pixels;
    private readonly int[] imageShape;
    private readonly int pixelsPerImage;

    /// <param name="pixels">Row-major [Count, C, H, W] intensities 0..255; the dataset keeps this array (no copy).</param>
    /// <param name="imageShape">[C, H, W] of one image.</param>
    /// <param name="targets">[Count, ...], one target per image.</param>
    public ByteImageDataset(byte[] pixels, int[] imageShape, Tensor targets)
    {
        ArgumentNullException.ThrowIfNull(pixels);
        ArgumentNullException.ThrowIfNull(imageShape);
        ArgumentNullException.ThrowIfNull(targets);
        // A size may be 0: an IDX file declaring e.g. [3, 0, 28] images holds no pixels and loads as empty images.
        if (imageShape.Length != 3 || imageShape.Any(d => d < 0))
            throw new ArgumentException($"ByteImageDataset: imageShape must be [C, H, W] with sizes ≥ 0, got [{string.Join(", ", imageShape)}].", nameof(imageShape));
        if (targets.Rank == 0)
            throw new ArgumentException($"ByteImageDataset: targets of shape {targets.ShapeText} must have a first dim that indexes the samples (rank ≥ 1).", nameof(targets));
        long perImage = (long)imageShape[0] * imageShape[1] * imageShape[2];
        if (pixels.LongLength != perImage * targets.Size(0))
            throw new ArgumentException(
                $"ByteImageDataset: {pixels.LongLength} pixels do not make {targets.Size(0)} images of [{string.Join(", ", imageShape)}] "
                + $"(one per target); expected {perImage * targets.Size(0)}.", nameof(pixels));
        this.pixels = pixels;
        this.imageShape = (int[])imageShape.Clone();
        pixelsPerImage = (int)perImage;
        Targets = targets;
    }

    /// <summary>[C, H, W] of one image.</summary>
    public IReadOnlyList<int> ImageShape => Array.AsReadOnly(imageShape);   // a view: callers cannot change the shape used to cut images

    /// <summary>All targets, [Count, ...].</summary>
    public Tensor Targets { get; }

    public override int Count => Targets.Size(0);

    protected override (Tensor Input, Tensor Target) GetItem(int index)
        => (PixelBytes.ToTensor(pixels.AsSpan(index * pixelsPerImage, pixelsPerImage), imageShape), Targets[index]);

    /// <summary>The images at <paramref name="indices"/> gathered as bytes and converted once, and one gather of the targets.</summary>
    public override (Tensor Input, Tensor Target) GetBatch(ReadOnlySpan<int> indices)
    {
        if (indices.IsEmpty)
            throw new ArgumentException($"GetBatch: expected at least one index (ByteImageDataset has {Count} samples).");
        CheckIndices(indices);
        // The gathered bytes live only until they are converted: a rented buffer, not a new array per batch (issue #20).
        int length = indices.Length * pixelsPerImage;
        var batch = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            for (int i = 0; i < indices.Length; i++)
                pixels.AsSpan(indices[i] * pixelsPerImage, pixelsPerImage).CopyTo(batch.AsSpan(i * pixelsPerImage));
            return (PixelBytes.ToTensor(batch.AsSpan(0, length), BatchShape(indices.Length)), Targets.IndexSelect(0, RowIndex(indices)));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(batch);
        }
    }

    /// <summary>All images as one new float32 tensor [Count, C, H, W] (four bytes per pixel; made on every call).</summary>
    public Tensor Images() => PixelBytes.ToTensor(pixels, BatchShape(Count));

    /// <summary>The same samples as a <see cref="TensorDataset"/> of float32 images (<see cref="Images"/>) and <see cref="Targets"/>.</summary>
    public TensorDataset ToTensorDataset() => new(Images(), Targets);

    private int[] BatchShape(int count) => [count, .. imageShape];
}
