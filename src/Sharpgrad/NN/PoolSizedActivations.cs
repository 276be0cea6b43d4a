namespace Sharpgrad.NN;

/// <summary>
/// Whether a <see cref="Sequential"/>'s inference call may allocate a storage that <see cref="LayerChainBuffers"/> would
/// recycle, i.e. one of at least <see cref="BufferPool.MinimumBytes"/> (4 KB): decided from the input's size and the
/// layers' widths before a chain is opened, so that a call whose activations are all smaller (an MLP at batch 1: 1 KB)
/// pays for neither the chain's module-tree check nor its allocation log. That cost was about +13% of the CPU time of a
/// batch-1 MLP call (notes of branch small21).
/// </summary>
/// <remarks>
/// Skipping the chain is always safe (it only recycles nothing), so the bound may be loose; it only has to be an upper
/// bound wherever it says "no". It follows the element count through the layers whose output size it knows — a
/// <see cref="Linear"/> maps n elements to n / in · out, the element-wise layers, Identity, Dropout and Flatten keep n —
/// and counts the input too, because a layer may copy it (Linear reshapes a non-contiguous input). Any other module (a
/// convolution, a pooling layer, a user's module) may allocate any size: the chain is opened as before. An element is
/// counted as at least 4 bytes, since half-precision inputs are computed in float32.
/// </remarks>
internal static class PoolSizedActivations
{
    public static bool MayOccur(Sequential chain, Tensor input)
    {
        long bytesPerElement = Math.Max(input.DType.ElementSize(), sizeof(float));
        long elements = input.Count;
        long largest = LargestElementCount(chain, ref elements);
        return largest == long.MaxValue || largest * bytesPerElement >= BufferPool.MinimumBytes;
    }

    /// <summary>
    /// The largest element count of <paramref name="elements"/> (the chain's input) and of every output in the chain, or
    /// <see cref="long.MaxValue"/> when a layer's output size is unknown; <paramref name="elements"/> becomes the
    /// chain's output count. Indexed loops: this runs on every inference call and must allocate nothing.
    /// </summary>
    private static long LargestElementCount(Sequential chain, ref long elements)
    {
        long largest = elements;
        for (int i = 0; i < chain.Count; i++)
        {
            switch (chain[i])
            {
                case Linear linear:
                    elements = elements / linear.InFeatures * linear.OutFeatures;
                    break;
                case ReLU or Tanh or Sigmoid or Identity or Dropout or Flatten:
                    break;
                case Sequential inner:
                    largest = Math.Max(largest, LargestElementCount(inner, ref elements));
                    break;
                default:
                    return long.MaxValue;
            }
            if (largest == long.MaxValue) return largest;
            largest = Math.Max(largest, elements);
        }
        return largest;
    }
}
