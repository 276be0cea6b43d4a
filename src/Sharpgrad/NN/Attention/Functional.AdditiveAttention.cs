namespace Sharpgrad.NN;

public static partial class Functional
{
    /// <summary>
    /// Additive (Bahdanau) attention, GBC §12.4.5.1 and Bahdanau et al. 2015 eq. 6: for a query q [N, Dq] and keys
    /// h [N, S, Dk], the scores eₛ = vᵀ tanh(W₁hₛ + W₂q + b₂), the weights α = softmax(e) over the S positions, and the
    /// context Σₛ αₛhₛ [N, Dk] (the keys are the values, as in the paper). <paramref name="projectedKeys"/> = W₁h
    /// [N, S, A] is passed in because it does not depend on the query: a decoder computes it once per source sentence.
    /// Positions where <paramref name="keyPaddingMask"/> (bool [N, S]) is true are ignored (PyTorch's key-padding
    /// convention); a row with every position masked has no distribution and is an error.
    /// </summary>
    /// <param name="queryWeight">W₂ [A, Dq]</param>
    /// <param name="queryBias">b₂ [A] or null</param>
    /// <param name="scoreWeight">v as a [1, A] matrix (a Linear layer's weight)</param>
    public static (Tensor Context, Tensor Weights) AdditiveAttention(Tensor query, Tensor keys, Tensor projectedKeys, Tensor queryWeight,
        Tensor? queryBias, Tensor scoreWeight, Tensor? keyPaddingMask = null)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(projectedKeys);
        CheckAdditiveAttention(query, keys, projectedKeys, queryWeight, scoreWeight, keyPaddingMask);
        var hidden = (projectedKeys + Linear(query, queryWeight, queryBias).Unsqueeze(1)).Tanh();
        var scores = Linear(hidden, scoreWeight).Squeeze(2);
        if (keyPaddingMask is not null) scores = scores.MaskedFill(keyPaddingMask, double.NegativeInfinity);
        var weights = scores.Softmax(1);
        var context = weights.Unsqueeze(1).MatMul(keys).Squeeze(1);
        return (context, weights);
    }

    private static void CheckAdditiveAttention(Tensor query, Tensor keys, Tensor projectedKeys, Tensor queryWeight, Tensor scoreWeight, Tensor? mask)
    {
        const string op = "AdditiveAttention";
        if (query.Rank != 2 || keys.Rank != 3 || keys.Size(0) != query.Size(0))
            throw new ArgumentException($"{op}: expected query [N, Dq] and keys [N, S, Dk] with the same N, got query {query.ShapeText} and keys {keys.ShapeText}.");
        int n = keys.Size(0), s = keys.Size(1), a = queryWeight.Size(0);
        if (queryWeight.Rank != 2 || queryWeight.Size(1) != query.Size(1))
            throw new ArgumentException($"{op}: the query weight W₂ must be [A, Dq] = [A, {query.Size(1)}], got {queryWeight.ShapeText}.");
        if (projectedKeys.Rank != 3 || projectedKeys.Size(0) != n || projectedKeys.Size(1) != s || projectedKeys.Size(2) != a)
            throw new ArgumentException($"{op}: the projected keys W₁h must be [N, S, A] = [{n}, {s}, {a}], got {projectedKeys.ShapeText}.");
        if (scoreWeight.Rank != 2 || scoreWeight.Size(0) != 1 || scoreWeight.Size(1) != a)
            throw new ArgumentException($"{op}: the score vector v must be [1, A] = [1, {a}], got {scoreWeight.ShapeText}.");
        if (s == 0) throw new ArgumentException($"{op}: the keys {keys.ShapeText} have no positions to attend to.");
        if (mask is null) return;
        if (mask.DType != DType.Bool || mask.Rank != 2 || mask.Size(0) != n || mask.Size(1) != s)
            throw new ArgumentException($"{op}: the key padding mask must be bool [N, S] = [{n}, {s}], got {mask.DType.Name()} of shape {mask.ShapeText}.");
        if (mask.Long().Sum(1).Max().Item() == s)
            throw new ArgumentException($"{op}: a row of the key padding mask {mask.ShapeText} masks all {s} positions, so its weights would be NaN.");
    }
}
