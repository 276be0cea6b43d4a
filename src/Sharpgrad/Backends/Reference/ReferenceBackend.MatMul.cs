using System.Numerics;

namespace Sharpgrad.Backends.Reference;

internal sealed partial class ReferenceBackend
{
    public override void MatMul(Tensor c, Tensor a, Tensor b, bool accumulate)
    {
        RequireOwn("MatMul", c, a, b);
        if (c.DType == DType.Float32) MatMul<float>(c, a, b, accumulate);
        else MatMul<double>(c, a, b, accumulate);
    }

    /// <summary>
    /// The matrix product as GBC §2.1 defines it, C_{i,j} = Σ_l A_{i,l} B_{l,j}, once per batch index: the triple loop,
    /// each sum taken in order of l, starting from C_{i,j} itself when accumulating. The batch dims of a and b broadcast
    /// to c's (ElementOffsets gives a repeated dim stride 0), so a [m, k] matrix multiplies every matrix of a batch.
    /// </summary>
    private static void MatMul<T>(Tensor c, Tensor a, Tensor b, bool accumulate) where T : unmanaged, INumber<T>
    {
        T[] cData = c.Data<T>(), aData = a.Data<T>(), bData = b.Data<T>();
        int m = c.shape[^2], n = c.shape[^1], k = a.shape[^1];
        var batch = c.shape[..^2];
        var cAt = new ElementOffsets(c);
        var aAt = new ElementOffsets(a, [.. batch, m, k]);
        var bAt = new ElementOffsets(b, [.. batch, k, n]);
        for (int p = 0; p < ShapeUtil.Count(batch); p++)
            for (int i = 0; i < m; i++)
                for (int j = 0; j < n; j++)
                {
                    int at = cAt[(p * m + i) * n + j];
                    T sum = accumulate ? cData[at] : T.Zero;
                    for (int l = 0; l < k; l++)
                        sum += aData[aAt[(p * m + i) * k + l]] * bData[bAt[(p * k + l) * n + j]];
                    cData[at] = sum;
                }
    }
}
