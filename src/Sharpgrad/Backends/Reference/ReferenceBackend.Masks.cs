namespace Sharpgrad.Backends.Reference;

// Masked select and its adjoint: one walk over the mask in row-major order, with a second counter for the packed side.
internal sealed partial class ReferenceBackend
{
    public override int CountTrue(Tensor mask)
    {
        RequireOwn("CountTrue", mask);
        bool[] m = mask.Data<bool>();
        var at = new ElementOffsets(mask);
        int count = 0;
        for (int i = 0; i < mask.Count; i++)
            if (m[at[i]]) count++;
        return count;
    }

    public override void MaskedSelect(Tensor output, Tensor input, Tensor mask)
    {
        RequireOwn("MaskedSelect", output, input, mask);
        switch (input.DType)
        {
            case DType.Float32: MaskedSelect<float>(output, input, mask); break;
            case DType.Float64: MaskedSelect<double>(output, input, mask); break;
            case DType.Int64: MaskedSelect<long>(output, input, mask); break;
            default: MaskedSelect<bool>(output, input, mask); break;
        }
    }

    public override void MaskedScatter(Tensor target, Tensor mask, Tensor source)
    {
        RequireOwn("MaskedScatter", target, mask, source);
        if (target.DType == DType.Float32) MaskedScatter<float>(target, mask, source);
        else MaskedScatter<double>(target, mask, source);
    }

    /// <summary>output[k] = x[i] for the k-th position i where the mask is true.</summary>
    private static void MaskedSelect<T>(Tensor output, Tensor input, Tensor mask) where T : unmanaged
    {
        T[] y = output.Data<T>(), x = input.Data<T>();
        bool[] m = mask.Data<bool>();
        ElementOffsets yAt = new(output), xAt = new(input), mAt = new(mask);
        int k = 0;
        for (int i = 0; i < mask.Count; i++)
            if (m[mAt[i]]) y[yAt[k++]] = x[xAt[i]];
    }

    /// <summary>target[i] = source[k] for the k-th position i where the mask is true; the other elements are left as they are.</summary>
    private static void MaskedScatter<T>(Tensor target, Tensor mask, Tensor source) where T : unmanaged
    {
        T[] t = target.Data<T>(), s = source.Data<T>();
        bool[] m = mask.Data<bool>();
        ElementOffsets tAt = new(target), mAt = new(mask), sAt = new(source);
        int k = 0;
        for (int i = 0; i < mask.Count; i++)
            if (m[mAt[i]]) t[tAt[i]] = s[sAt[k++]];
    }
}
