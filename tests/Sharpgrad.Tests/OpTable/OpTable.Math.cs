namespace Sharpgrad.Tests.OpTable;

// Issue #10's elementwise maths. Samples stay inside each domain and away from the kinks and jumps: |x| < 1 for
// asin/acos/erfinv, |x| < 1.3 for tan, quotients a/b away from integers for fmod/remainder, values away from
// integers (and from the rounding boundaries) for the piecewise-constant rounding functions, whose zero gradient is
// checked through a product with x.
public static partial class OpTable
{
    [OpEntries]
    private static IEnumerable<OpInfo> Math() =>
    [
        Unary("Erf", x => x.Erf(), () => Normal(500, 3, 4)),
        Unary("Erfc", x => x.Erfc(), () => Normal(501, 3, 4)),
        Unary("Erfinv", x => x.Erfinv(), () => Uniform(502, -0.9, 0.9, 3, 4).RequireGrad()),
        Unary("Asin", x => x.Asin(), () => Uniform(503, -0.9, 0.9, 3, 4).RequireGrad()),
        Unary("Acos", x => x.Acos(), () => Uniform(504, -0.9, 0.9, 3, 4).RequireGrad()),
        Unary("Atan", x => x.Atan(), () => Normal(505, 3, 4)),
        Unary("Tan", x => x.Tan(), () => Uniform(506, -1.3, 1.3, 3, 4).RequireGrad()),
        Unary("Sinh", x => x.Sinh(), () => Normal(507, 3, 4)),
        Unary("Cosh", x => x.Cosh(), () => Normal(508, 3, 4)),
        Unary("Log2", x => x.Log2(), () => Positive(509, 3, 4)),
        Unary("Log10", x => x.Log10(), () => Positive(510, 3, 4)),
        Unary("Exp2", x => x.Exp2(), () => Normal(511, 3, 4)),
        Unary("Expm1", x => x.Expm1(), () => Normal(512, 3, 4)),
        Unary("Logit", x => x.Logit(), () => Uniform(513, 0.1, 0.9, 3, 4).RequireGrad()),
        Unary("Logit eps", x => x.Logit(0.05), () => Uniform(514, 0.1, 0.9, 3, 4).RequireGrad()),
        Binary("Atan2 [3,1],[1,4]", (a, b) => a.Atan2(b), () => Normal(515, 3, 1), () => AwayFromZero(516, 1, 4)),
        Binary("Hypot [2,3],[3]", (a, b) => a.Hypot(b), () => AwayFromZero(517, 2, 3), () => AwayFromZero(518, 3)),
        Binary("LogAddExp [3,4],[3,1]", (a, b) => a.LogAddExp(b), () => Normal(519, 3, 4), () => Normal(520, 3, 1)),
        Binary("Xlogy [2,3],[3]", (a, b) => a.Xlogy(b), () => Normal(521, 2, 3), () => Positive(522, 3)),
        Binary("Lerp scalar weight", (a, b) => a.Lerp(b, 0.3), () => Normal(523, 3, 4), () => Normal(524, 4)),
        Binary("Lerp weight above ½", (a, b) => a.Lerp(b, 0.8), () => Normal(525, 3, 4), () => Normal(526, 3, 4)),
        new("Lerp tensor weight", x => x[0].Lerp(x[1], x[2]),
            () => [Normal(527, 3, 4), Normal(528, 3, 1), Uniform(529, -0.4, 1.4, 4).RequireGrad()]),
        new("Clamp tensor bounds", x => x[0].Clamp(x[1], x[2]),
            () => [Tensor.From(new[] { -2, -0.5, 0.2, 0.8, 1.5, 3 }).RequireGrad(), Tensor.From(new[] { -1, -1, 0, 0, 1, 1.0 }).RequireGrad(),
                   Tensor.From(new[] { 1, 0.5, 1, 2, 1.2, 2.0 }).RequireGrad()]),
        Binary("Clamp tensor min only", (x, lo) => x.Clamp(lo, null), () => Normal(530, 3, 4), () => Normal(531, 4)),
        Binary("Clamp tensor max only", (x, hi) => x.Clamp(null, hi), () => Normal(532, 3, 4), () => Normal(533, 3, 1)),
        Unary("Floor (zero gradient)", x => x.Floor() * x, () => NonInteger(534)),
        Unary("Ceil (zero gradient)", x => x.Ceil() * x, () => NonInteger(535)),
        Unary("Trunc (zero gradient)", x => x.Trunc() * x, () => NonInteger(536)),
        Unary("Round (zero gradient)", x => x.Round() * x, () => NonInteger(537)),
        Unary("Round decimals 1", x => x.Round(1) * x, () => NonInteger(538, scale: 0.1)),
        Unary("Frac", x => x.Frac(), () => NonInteger(539)),
        Binary("Fmod", (a, b) => a.Fmod(b), () => Tensor.From(new[] { 7.3, -7.3, 5.9, -2.2 }).RequireGrad(),
            () => Tensor.From(new[] { 2.0, 2.1, -1.7, -0.9 }).RequireGrad()),
        Binary("Remainder", (a, b) => a.Remainder(b), () => Tensor.From(new[] { 7.3, -7.3, 5.9, -2.2 }).RequireGrad(),
            () => Tensor.From(new[] { 2.0, 2.1, -1.7, -0.9 }).RequireGrad()),
        Unary("NanToNum of finite values", x => x.NanToNum() * x, () => Normal(540, 3, 4)),
    ];

    /// <summary>(n + f)·scale with n an integer in [−3, 3) and f in [0.1, 0.4) ∪ [0.6, 0.9): away from integers and halves.</summary>
    private static Tensor NonInteger(int seed, double scale = 1)
    {
        var whole = Uniform(seed, -3, 3, 3, 4).Floor();
        var fraction = Uniform(seed + 1, 0.1, 0.4, 3, 4) + Uniform(seed + 2, 0, 1, 3, 4).Gt(0.5).Double() * 0.5;
        return ((whole + fraction) * scale).RequireGrad();
    }
}
