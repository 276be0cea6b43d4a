using System.Numerics;

namespace Sharpgrad.Kernels;

/// <summary>
/// eʸ on float32 lanes for 0 ≤ y ≤ 64, the range <see cref="Float32Tanh"/> needs (it clamps its argument to 20). Cody
/// and Waite's reduction y = k·ln 2 + r with |r| ≤ ln 2 / 2, ln 2 split in two parts so that k·ln2Hi is exact
/// (Muller, Elementary Functions, §11.3); e^r by its Taylor series to r⁷ (the first omitted term, r⁸/8!, is 2·10⁻⁹
/// relative), evaluated by Horner's rule with fused multiply-adds; 2ᵏ assembled in the exponent field.
/// About 1 ulp; not a general exp (no overflow or NaN handling): <see cref="Apply"/> is internal to the tanh, and
/// <see cref="ApplyNonPositive"/> serves the softmax, whose shifted logits are ≤ 0.
/// </summary>
internal static class Float32Exp
{
    private const float Log2E = 1.44269504088896341f;
    private const float Ln2Hi = 0.693145751953125f;        // 15 significant bits: k·Ln2Hi is exact for |k| < 2⁹ (here k ≤ 93)
    private const float Ln2Lo = 1.42860682030941723e-6f;   // ln 2 − Ln2Hi
    private const float RoundingShifter = 12582912f;       // 1.5·2²³: adding it rounds a float below 2²² to an integer

    /// <summary>
    /// The largest magnitude of y ≤ 0 computed: k = round(y·log₂e) ≥ −126 keeps 2ᵏ a normal float. Below it eʸ is
    /// under 1.7·10⁻³⁸ and is returned as 0 (an absolute error smaller than float32's smallest normal number).
    /// </summary>
    private const float UnderflowBound = -87f;

    /// <summary>eʸ for y ≤ 0 (−∞ gives 0); the caller guarantees no NaN and no y &gt; 0.</summary>
    public static Vector<float> ApplyNonPositive(Vector<float> y)
    {
        Vector<float> bound = new(UnderflowBound);
        return Vector.ConditionalSelect(Vector.LessThan(y, bound), Vector<float>.Zero, Apply(Vector.Max(y, bound)));
    }

    public static Vector<float> Apply(Vector<float> y)
    {
        Vector<float> shifter = new(RoundingShifter);
        Vector<float> k = Vector.FusedMultiplyAdd(y, new(Log2E), shifter) - shifter;
        Vector<float> r = Vector.FusedMultiplyAdd(k, new(-Ln2Lo), Vector.FusedMultiplyAdd(k, new(-Ln2Hi), y));

        Vector<float> p = new(1f / 5040);
        p = Vector.FusedMultiplyAdd(p, r, new(1f / 720));
        p = Vector.FusedMultiplyAdd(p, r, new(1f / 120));
        p = Vector.FusedMultiplyAdd(p, r, new(1f / 24));
        p = Vector.FusedMultiplyAdd(p, r, new(1f / 6));
        p = Vector.FusedMultiplyAdd(p, r, new(0.5f));
        p = Vector.FusedMultiplyAdd(p, r, Vector<float>.One);
        p = Vector.FusedMultiplyAdd(p, r, Vector<float>.One);

        Vector<int> exponent = Vector.ShiftLeft(Vector.ConvertToInt32(k) + new Vector<int>(127), 23);
        return p * Vector.AsVectorSingle(exponent);
    }
}
