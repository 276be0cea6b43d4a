namespace Sharpgrad.Backends.Reference;

// Masked select and its adjoint: one walk over the mask in row-major order; the k-th true position i pairs element i
// of the full tensor with element k of the packed one.
internal sealed partial class ReferenceBackend
{
    public override int CountTrue(Tensor mask)
    {
        RequireOwn("CountTrue", mask);
        return Selected(mask).Count();
    }

    /// <summary>output[k] = input[i] for the k-th position i where the mask is true.</summary>
    public override void MaskedSelect(Tensor output, Tensor input, Tensor mask)
    {
        RequireOwn("MaskedSelect", output, input, mask);
        var copy = ElementMoves.Copy(output, input);
        ElementOffsets outputAt = new(output), inputAt = new(input);
        foreach (var (i, k) in Selected(mask)) copy(outputAt[k], inputAt[i]);
    }

    /// <summary>target[i] = source[k] for the k-th position i where the mask is true; the other elements stay as they are.</summary>
    public override void MaskedScatter(Tensor target, Tensor mask, Tensor source)
    {
        RequireOwn("MaskedScatter", target, mask, source);
        var copy = ElementMoves.Copy(target, source);
        ElementOffsets targetAt = new(target), sourceAt = new(source);
        foreach (var (i, k) in Selected(mask)) copy(targetAt[i], sourceAt[k]);
    }

    /// <summary>The row-major positions i where the mask is true, each with its rank k among them (0, 1, 2, …).</summary>
    private static IEnumerable<(int Position, int Rank)> Selected(Tensor mask)
    {
        bool[] m = mask.Data<bool>();
        var at = new ElementOffsets(mask);
        int k = 0;
        for (int i = 0; i < mask.Count; i++)
            if (m[at[i]]) yield return (i, k++);
    }
}
