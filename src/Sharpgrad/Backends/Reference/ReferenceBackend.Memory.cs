namespace Sharpgrad.Backends.Reference;

// Content addressing as the NTM paper writes it (Graves et al. 2014 §3.3.1), one head h and row n at a time:
// c[h, n] = exp(β_h K[h, n]) / Σ_m exp(β_h K[h, m]), K = k_h·M_n / (|k_h| |M_n|), |u| = √(u·u + ε); the backward is the
// chain rule through those lines (softmax, the product β K, the quotient of the dot product by the two norms).
// The DNC's temporal link update as the paper writes it (Graves et al. 2016, Methods "Temporal memory linkage"), one
// pair of cells (i, j) at a time: L_t[i, j] = (1 − w_i − w_j) L_{t−1}[i, j] + w_i p_{t−1}[j] for i ≠ j, L_t[i, i] = 0.
// The backward is the chain rule through that line, one term per pair i ≠ j.
internal sealed partial class ReferenceBackend
{
    protected override void ContentWeights<T>(Tensor weights, Tensor similarity, Tensor rowNorms, Tensor keyNorms, Tensor memory, Tensor keys,
        Tensor strengths, T epsilon)
    {
        var (batch, heads, cells, width) = (keys.shape[0], keys.shape[1], memory.shape[1], memory.shape[2]);
        for (int b = 0; b < batch; b++)
        {
            for (int n = 0; n < cells; n++) SetCell(rowNorms, b, n, T.Sqrt(Dot<T>(memory, b, n, memory, b, n, width) + epsilon));
            for (int h = 0; h < heads; h++)
            {
                SetCell(keyNorms, b, h, T.Sqrt(Dot<T>(keys, b, h, keys, b, h, width) + epsilon));
                T largest = T.NegativeInfinity;
                for (int n = 0; n < cells; n++)
                {
                    T k = Dot<T>(keys, b, h, memory, b, n, width) / (Cell<T>(keyNorms, b, h) * Cell<T>(rowNorms, b, n));
                    SetPair(similarity, b, h, n, k);
                    largest = T.Max(largest, Cell<T>(strengths, b, h) * k);
                }
                T total = T.Zero;
                for (int n = 0; n < cells; n++)
                {
                    T e = T.Exp(Cell<T>(strengths, b, h) * Pair<T>(similarity, b, h, n) - largest);
                    SetPair(weights, b, h, n, e);
                    total += e;
                }
                for (int n = 0; n < cells; n++) SetPair(weights, b, h, n, Pair<T>(weights, b, h, n) / total);
            }
        }
    }

    protected override void ContentWeightsBackward<T>(Tensor gradMemory, Tensor gradKeys, Tensor gradStrengths, Tensor gradWeights, Tensor weights,
        Tensor similarity, Tensor rowNorms, Tensor keyNorms, Tensor memory, Tensor keys, Tensor strengths)
    {
        var (batch, heads, cells, width) = (keys.shape[0], keys.shape[1], memory.shape[1], memory.shape[2]);
        var dSimilarity = new T[heads, cells];
        for (int b = 0; b < batch; b++)
        {
            for (int h = 0; h < heads; h++)
            {
                T weighted = T.Zero, dStrength = T.Zero;
                for (int n = 0; n < cells; n++) weighted += Pair<T>(weights, b, h, n) * Pair<T>(gradWeights, b, h, n);
                for (int n = 0; n < cells; n++)
                {
                    T dz = Pair<T>(weights, b, h, n) * (Pair<T>(gradWeights, b, h, n) - weighted);
                    dStrength += dz * Pair<T>(similarity, b, h, n);
                    dSimilarity[h, n] = dz * Cell<T>(strengths, b, h);
                }
                SetCell(gradStrengths, b, h, dStrength);
            }
            for (int h = 0; h < heads; h++)
                for (int w = 0; w < width; w++)
                {
                    T kNorm = Cell<T>(keyNorms, b, h), sum = T.Zero;
                    for (int n = 0; n < cells; n++)
                        sum += dSimilarity[h, n] * (Pair<T>(memory, b, n, w) / (kNorm * Cell<T>(rowNorms, b, n))
                            - Pair<T>(similarity, b, h, n) * Pair<T>(keys, b, h, w) / (kNorm * kNorm));
                    SetPair(gradKeys, b, h, w, sum);
                }
            for (int n = 0; n < cells; n++)
                for (int w = 0; w < width; w++)
                {
                    T rNorm = Cell<T>(rowNorms, b, n), sum = T.Zero;
                    for (int h = 0; h < heads; h++)
                        sum += dSimilarity[h, n] * (Pair<T>(keys, b, h, w) / (Cell<T>(keyNorms, b, h) * rNorm)
                            - Pair<T>(similarity, b, h, n) * Pair<T>(memory, b, n, w) / (rNorm * rNorm));
                    SetPair(gradMemory, b, n, w, sum);
                }
        }
    }

    /// <summary>Σ_w a[b, i, w] c[d, j, w] over the last dim.</summary>
    private static T Dot<T>(Tensor a, int b, int i, Tensor c, int d, int j, int width) where T : unmanaged, System.Numerics.INumber<T>
    {
        T sum = T.Zero;
        for (int w = 0; w < width; w++) sum += Pair<T>(a, b, i, w) * Pair<T>(c, d, j, w);
        return sum;
    }

    private static void SetCell<T>(Tensor t, int b, int i, T value) where T : unmanaged => t.Data<T>()[t.offset + b * t.shape[1] + i] = value;

    private static void SetPair<T>(Tensor t, int b, int i, int j, T value) where T : unmanaged => t.Data<T>()[PairIndex(t, b, i, j)] = value;

    protected override void DncLink<T>(Tensor link, Tensor previousLink, Tensor write, Tensor precedence)
    {
        var (batch, cells) = (write.shape[0], write.shape[1]);
        for (int b = 0; b < batch; b++)
            for (int i = 0; i < cells; i++)
                for (int j = 0; j < cells; j++)
                {
                    T wi = Cell<T>(write, b, i), wj = Cell<T>(write, b, j);
                    T value = i == j ? T.Zero : (T.One - (wi + wj)) * Pair<T>(previousLink, b, i, j) + wi * Cell<T>(precedence, b, j);
                    link.Data<T>()[PairIndex(link, b, i, j)] = value;
                }
    }

    protected override void DncLinkBackward<T>(Tensor gradPreviousLink, Tensor gradWrite, Tensor gradPrecedence, Tensor gradLink,
        Tensor previousLink, Tensor write, Tensor precedence)
    {
        var (batch, cells) = (write.shape[0], write.shape[1]);
        for (int b = 0; b < batch; b++)
            for (int k = 0; k < cells; k++)
            {
                T dWrite = T.Zero, dPrecedence = T.Zero;
                for (int m = 0; m < cells; m++)
                {
                    if (m == k) continue;
                    // Pair (k, m): L[k, m] depends on w_k (as w_i) and p_m; pair (m, k): on w_k (as w_j) and p_k.
                    T gRow = Pair<T>(gradLink, b, k, m), gColumn = Pair<T>(gradLink, b, m, k);
                    dWrite += gRow * (Cell<T>(precedence, b, m) - Pair<T>(previousLink, b, k, m)) - gColumn * Pair<T>(previousLink, b, m, k);
                    dPrecedence += gColumn * Cell<T>(write, b, m);
                }
                gradWrite.Data<T>()[gradWrite.offset + b * cells + k] = dWrite;
                gradPrecedence.Data<T>()[gradPrecedence.offset + b * cells + k] = dPrecedence;
                for (int j = 0; j < cells; j++)
                    gradPreviousLink.Data<T>()[PairIndex(gradPreviousLink, b, k, j)] =
                        k == j ? T.Zero : Pair<T>(gradLink, b, k, j) * (T.One - (Cell<T>(write, b, k) + Cell<T>(write, b, j)));
            }
    }

    private static T Cell<T>(Tensor t, int b, int i) where T : unmanaged => t.Data<T>()[t.offset + b * t.shape[1] + i];

    private static T Pair<T>(Tensor t, int b, int i, int j) where T : unmanaged => t.Data<T>()[PairIndex(t, b, i, j)];

    private static int PairIndex(Tensor t, int b, int i, int j) => t.offset + (b * t.shape[1] + i) * t.shape[2] + j;
}
