namespace Sharpgrad;

// Shape ops that return views: moving and swapping dims, taking a tensor apart along a dim, broadcasting, and
// coordinate grids. None copies; each is a composition of Permute, Select and Expand, which carry the gradients.
public sealed partial class Tensor
{
    /// <summary>Moves dim <paramref name="source"/> to position <paramref name="destination"/>; the other dims keep their order.</summary>
    public Tensor Movedim(int source, int destination) => Movedim([source], [destination]);

    /// <summary>
    /// Moves each <c>source[i]</c> to <c>destination[i]</c>; the remaining dims fill the remaining places in their
    /// original order (torch.movedim). A view.
    /// </summary>
    public Tensor Movedim(int[] source, int[] destination)
    {
        if (source.Length != destination.Length)
            throw new ArgumentException($"Movedim: source [{string.Join(", ", source)}] and destination [{string.Join(", ", destination)}] must have the same number of dims.");
        var from = source.Select(d => ShapeUtil.NormalizeDim(d, Rank, "Movedim")).ToArray();
        var to = destination.Select(d => ShapeUtil.NormalizeDim(d, Rank, "Movedim")).ToArray();
        if (from.Distinct().Count() != from.Length || to.Distinct().Count() != to.Length)
            throw new ArgumentException($"Movedim: source [{string.Join(", ", source)}] and destination [{string.Join(", ", destination)}] must not repeat a dim.");
        if (Rank == 0) return this;
        var order = Enumerable.Repeat(-1, Rank).ToArray();
        for (int i = 0; i < from.Length; i++) order[to[i]] = from[i];
        using var rest = Enumerable.Range(0, Rank).Where(d => !from.Contains(d)).GetEnumerator();
        for (int p = 0; p < Rank; p++)
            if (order[p] < 0 && rest.MoveNext()) order[p] = rest.Current;
        return Permute(order);
    }

    /// <summary>Swaps two dims (NumPy's name for <see cref="Transpose"/>). A view.</summary>
    public Tensor Swapaxes(int axis0, int axis1)
    {
        ShapeUtil.NormalizeDim(axis0, Rank, "Swapaxes");
        ShapeUtil.NormalizeDim(axis1, Rank, "Swapaxes");
        return Rank == 0 ? this : Transpose(axis0, axis1);
    }

    /// <summary>The slices along <paramref name="dim"/>, each with that dim removed; views of this tensor.</summary>
    public Tensor[] Unbind(int dim = 0)
    {
        if (Rank == 0) throw new ArgumentException("Unbind: a 0-d tensor has no dim to unbind.");
        int d = ShapeUtil.NormalizeDim(dim, Rank, "Unbind");
        return Enumerable.Range(0, shape[d]).Select(i => Select(d, i)).ToArray();
    }

    /// <summary>
    /// This tensor broadcast to <paramref name="shape"/> (−1 keeps a size): size-1 and new leading dims repeat with
    /// stride 0, so nothing is copied (torch.broadcast_to).
    /// </summary>
    public Tensor BroadcastTo(params int[] shape) => ExpandTo(shape, "BroadcastTo");

    /// <summary>
    /// Coordinate grids from 1-D tensors: output k holds tensors[k]'s values varying along its own dim. With "ij" the
    /// grids have shape [n₀, n₁, …]; with "xy" (Cartesian, NumPy's default) the first two dims are swapped,
    /// [n₁, n₀, …]. Views (broadcasts) of the inputs.
    /// </summary>
    public static Tensor[] Meshgrid(IReadOnlyList<Tensor> tensors, string indexing = "ij")
    {
        if (indexing is not ("ij" or "xy"))
            throw new ArgumentException($"Meshgrid: indexing must be \"ij\" or \"xy\", got \"{indexing}\".");
        if (tensors.Count == 0) throw new ArgumentException("Meshgrid: expects at least one tensor.");
        foreach (var t in tensors)
        {
            if (t.Rank > 1) throw new ArgumentException($"Meshgrid: expects 0-D or 1-D tensors, got shape {t.ShapeText}.");
            if (t.DType != tensors[0].DType)
                throw new ArgumentException($"Meshgrid: all tensors must have the same dtype, got {string.Join(" and ", tensors.Select(x => x.DType.Name()).Distinct())}.");
        }
        var inputs = tensors.Select(t => t.Reshape(-1)).ToArray();
        bool swap = indexing == "xy" && inputs.Length >= 2;
        if (swap) (inputs[0], inputs[1]) = (inputs[1], inputs[0]);
        var sizes = inputs.Select(t => t.shape[0]).ToArray();
        var grids = inputs.Select((t, k) =>
        {
            var alongK = Enumerable.Range(0, inputs.Length).Select(d => d == k ? -1 : 1).ToArray();
            return t.View(alongK).Expand(sizes);
        }).ToArray();
        if (swap) (grids[0], grids[1]) = (grids[1], grids[0]);
        return grids;
    }
}
