namespace Sharpgrad.NN;

/// <summary>
/// Multi-head attention (Vaswani et al. 2017 §3.2.2; NYU notes week 12): h heads each attend with
/// <see cref="Functional.ScaledDotProductAttention"/> in their own E/h-dimensional projection of the query, key and
/// value, and out_proj mixes the heads' concatenated outputs: MultiHead(Q, K, V) = Concat(head₁ … head_h)·W_Oᵀ + b_O,
/// headᵢ = Attention(Q·W_Qᵢᵀ + b_Qᵢ, K·W_Kᵢᵀ + b_Kᵢ, V·W_Vᵢᵀ + b_Vᵢ).
/// </summary>
/// <remarks>
/// Parameters, shapes, masks and initialisation are nn.MultiheadAttention's, so its state dict loads:
/// <c>in_proj_weight</c> [3E, E] (rows W_Q, W_K, W_V) or, when kdim or vdim differ from E, <c>q_proj_weight</c> [E, E],
/// <c>k_proj_weight</c> [E, kdim], <c>v_proj_weight</c> [E, vdim]; <c>in_proj_bias</c> [3E]; <c>bias_k</c>, <c>bias_v</c>
/// [1, 1, E] with addBiasKV; <c>out_proj</c> a Linear(E, E). Inputs are [L, N, E] (query) and [S, N, kdim/vdim], or
/// [N, L, E] with batchFirst, or unbatched [L, E]. The output has the query's layout; the weights are [N, L, S]
/// averaged over heads or [N, numHeads, L, S], and are those applied, i.e. after dropout (PyTorch 1.13).
/// </remarks>
public sealed class MultiheadAttention : Module<Tensor, Tensor, Tensor, AttentionOptions?, (Tensor Output, Tensor? Weights)>, IOwnFlops
{
    private readonly Generator? generator;

    public int EmbedDim { get; }
    public int NumHeads { get; }
    public int HeadDim { get; }
    public int KDim { get; }
    public int VDim { get; }
    public double Dropout { get; }
    public bool BatchFirst { get; }
    public bool AddZeroAttn { get; }

    /// <summary>[3E, E] when kdim = vdim = E, else null.</summary>
    public Tensor? InProjWeight { get; }
    public Tensor? QProjWeight { get; }
    public Tensor? KProjWeight { get; }
    public Tensor? VProjWeight { get; }

    /// <summary>[3E] (q, k, v biases), or null with <c>bias: false</c>.</summary>
    public Tensor? InProjBias { get; }

    /// <summary>[1, 1, E] learned key and value appended to every sequence with addBiasKV; else null.</summary>
    public Tensor? BiasK { get; }
    public Tensor? BiasV { get; }

    public Linear OutProj { get; }

    /// <summary>
    /// PyTorch's initialisation: xavier_uniform for the input projections, zeros for in_proj_bias and out_proj.bias,
    /// xavier_normal for bias_k and bias_v, and Linear's default for out_proj.weight.
    /// </summary>
    /// <param name="embedDim">E, the query's and output's width; must be divisible by <paramref name="numHeads"/></param>
    /// <param name="dropout">dropout on the attention weights while training</param>
    /// <param name="kdim">the key's width (default E)</param>
    /// <param name="vdim">the value's width (default E)</param>
    /// <param name="generator">draws the initial weights and the dropout masks</param>
    public MultiheadAttention(int embedDim, int numHeads, double dropout = 0, bool bias = true, bool addBiasKV = false,
        bool addZeroAttn = false, int? kdim = null, int? vdim = null, bool batchFirst = false, DType dtype = DType.Float32,
        Generator? generator = null)
    {
        if (embedDim < 1 || numHeads < 1)
            throw new ArgumentException($"MultiheadAttention: embedDim and numHeads must be positive, got embedDim={embedDim}, numHeads={numHeads}.");
        if (embedDim % numHeads != 0)
            throw new ArgumentException($"MultiheadAttention: embedDim ({embedDim}) must be divisible by numHeads ({numHeads}).");
        if (kdim < 1 || vdim < 1)
            throw new ArgumentException($"MultiheadAttention: kdim and vdim must be positive, got kdim={kdim}, vdim={vdim}.");
        if (!dtype.IsFloatingPoint())
            throw new ArgumentException($"MultiheadAttention: dtype must be float32 or float64, got {dtype.Name()}.");
        Functional.CheckDropoutProbability(dropout);
        (EmbedDim, NumHeads, HeadDim, KDim, VDim) = (embedDim, numHeads, embedDim / numHeads, kdim ?? embedDim, vdim ?? embedDim);
        (Dropout, BatchFirst, AddZeroAttn, this.generator) = (dropout, batchFirst, addZeroAttn, generator);

        if (KDim == embedDim && VDim == embedDim)
            InProjWeight = RegisterParameter("in_proj_weight", Tensor.Zeros([3 * embedDim, embedDim], dtype));
        else
        {
            QProjWeight = RegisterParameter("q_proj_weight", Tensor.Zeros([embedDim, embedDim], dtype));
            KProjWeight = RegisterParameter("k_proj_weight", Tensor.Zeros([embedDim, KDim], dtype));
            VProjWeight = RegisterParameter("v_proj_weight", Tensor.Zeros([embedDim, VDim], dtype));
        }
        if (bias) InProjBias = RegisterParameter("in_proj_bias", Tensor.Zeros([3 * embedDim], dtype));
        OutProj = RegisterModule("out_proj", new Linear(embedDim, embedDim, bias, dtype, generator));
        if (addBiasKV)
        {
            BiasK = RegisterParameter("bias_k", Tensor.Zeros([1, 1, embedDim], dtype));
            BiasV = RegisterParameter("bias_v", Tensor.Zeros([1, 1, embedDim], dtype));
        }
        foreach (var w in new[] { InProjWeight, QProjWeight, KProjWeight, VProjWeight }.OfType<Tensor>())
            Init.XavierUniform(w, generator: generator);
        if (OutProj.Bias is not null) Init.Zeros(OutProj.Bias);
        foreach (var b in new[] { BiasK, BiasV }.OfType<Tensor>()) Init.XavierNormal(b, generator: generator);
    }

    /// <summary>Attention with PyTorch's defaults: no masks, weights returned averaged over heads.</summary>
    public (Tensor Output, Tensor? Weights) Forward(Tensor query, Tensor key, Tensor value) => Forward(query, key, value, null);

    protected override (Tensor Output, Tensor? Weights) ForwardCore(Tensor query, Tensor key, Tensor value, AttentionOptions? options) =>
        Attend(query, key, value, options ?? new AttentionOptions(),
            new AttentionWeights(InProjWeight, QProjWeight, KProjWeight, VProjWeight, InProjBias, BiasK, BiasV, OutProj.Weight, OutProj.Bias));

    /// <summary>
    /// The computation with the weights passed in (PyTorch's F.multi_head_attention_forward): the forward uses the
    /// layer's own, and tests pass them as inputs to check the gradients for them.
    /// </summary>
    internal (Tensor Output, Tensor? Weights) Attend(Tensor query, Tensor key, Tensor value, AttentionOptions options, AttentionWeights w)
    {
        var shapes = MultiheadAttentionShapes.Check(this, query, key, value);
        var (concat, weights) = UsesPackedSelfAttention(query, key, value, options, w)
            ? (PackedSelfAttention.Attend(Functional.Linear(ToBatchFirst(query, shapes.Batched), w.InProjWeight!, w.InProjBias), NumHeads, 1 / Math.Sqrt(HeadDim)), null)
            : AttendHeads(query, key, value, options, w, shapes);
        var output = Functional.Linear(concat, w.OutProjWeight, w.OutProjBias);
        output = shapes.Batched ? BatchFirst ? output : output.Transpose(0, 1) : output.Squeeze(0);
        if (!options.NeedWeights || weights is null) return (output, null);
        if (options.AverageAttnWeights) weights = weights.Mean(1);
        return (output, shapes.Batched ? weights : weights.Squeeze(0));
    }

    /// <summary>
    /// Self-attention with the packed weight, no masks, no extra keys, no dropout and no weights asked for: the common
    /// Transformer case, which runs as one node on the packed projection (<see cref="PackedSelfAttention"/>).
    /// </summary>
    private bool UsesPackedSelfAttention(Tensor query, Tensor key, Tensor value, AttentionOptions options, AttentionWeights w) =>
        ReferenceEquals(query, key) && ReferenceEquals(key, value) && w.InProjWeight is not null && w.BiasK is null && !AddZeroAttn
        && options.AttnMask is null && options.KeyPaddingMask is null && !options.NeedWeights && (!IsTraining || Dropout == 0);

    /// <summary>
    /// The heads side by side, [N, L, E] (Concat(head₁ … head_h)), and the attention weights [N, H, L, S], from the
    /// composed ops: any masks, bias_k/bias_v, the zero key and dropout.
    /// </summary>
    private (Tensor Concat, Tensor? Weights) AttendHeads(Tensor query, Tensor key, Tensor value, AttentionOptions options, AttentionWeights w,
        MultiheadAttentionShapes shapes)
    {
        // Work batch-first, [N, L, E]: the heads are then a view [N, H, L, d] of each projection.
        var (q, k, v) = (ToBatchFirst(query, shapes.Batched), ToBatchFirst(key, shapes.Batched), ToBatchFirst(value, shapes.Batched));
        (q, k, v) = Project(q, k, v, w, ReferenceEquals(query, key) && ReferenceEquals(key, value));
        var mask = MultiheadAttentionShapes.Mask(this, shapes, options, q.DType);
        if (w.BiasK is not null && w.BiasV is not null)
        {
            (k, v) = (Tensor.Cat([k, w.BiasK.Expand(shapes.N, 1, EmbedDim)], 1), Tensor.Cat([v, w.BiasV.Expand(shapes.N, 1, EmbedDim)], 1));
            mask = PadKeyColumn(mask);
        }
        if (AddZeroAttn)
        {
            var zeros = Tensor.Zeros([shapes.N, 1, EmbedDim], q.DType);
            (k, v) = (Tensor.Cat([k, zeros], 1), Tensor.Cat([v, zeros], 1));
            mask = PadKeyColumn(mask);
        }
        var (heads, weights) = Functional.ScaledDotProductAttention(AttentionHeads.Split(q, NumHeads), AttentionHeads.Split(k, NumHeads),
            AttentionHeads.Split(v, NumHeads), mask, dropoutP: IsTraining ? Dropout : 0, generator: generator);
        return (AttentionHeads.Merge(heads), weights);
    }

    /// <summary>
    /// The whole forward pass, counted in closed form (out_proj runs as a functional product, so it has no row of its
    /// own): Q, K, V projections, scores QKᵀ, scale, softmax, the weighted sum of values and the output projection;
    /// ModelSummary lists the conventions.
    /// </summary>
    long IOwnFlops.OwnFlops(IReadOnlyList<Tensor> inputs)
    {
        var shapes = MultiheadAttentionShapes.Check(this, inputs[0], inputs[1], inputs[2]);
        long n = shapes.N, l = shapes.L, s = shapes.S, e = EmbedDim, h = NumHeads;
        long keys = s + (BiasK is null ? 0 : 1) + (AddZeroAttn ? 1 : 0);
        long bias = InProjBias is null ? 0 : 1;
        long projections = 2 * n * l * e * e + 2 * n * s * KDim * e + 2 * n * s * VDim * e + bias * (n * l * e + 2 * n * s * e);
        long attention = 2 * n * l * keys * e + 2 * n * h * l * keys + 2 * n * l * keys * e;   // QKᵀ; scale and softmax; αV
        long output = 2 * n * l * e * e + (OutProj.Bias is null ? 0 : n * l * e);
        return projections + attention + output;
    }

    private Tensor ToBatchFirst(Tensor x, bool batched) => !batched ? x.Unsqueeze(0) : BatchFirst ? x : x.Transpose(0, 1);

    /// <summary>The three input projections; self-attention takes them in one GEMM with the packed [3E, E] weight.</summary>
    private (Tensor Q, Tensor K, Tensor V) Project(Tensor q, Tensor k, Tensor v, AttentionWeights w, bool self)
    {
        Tensor? Bias(int i) => w.InProjBias?.Narrow(0, i * EmbedDim, EmbedDim);
        if (w.InProjWeight is not { } packedWeight)
            return (Functional.Linear(q, w.QProjWeight!, Bias(0)), Functional.Linear(k, w.KProjWeight!, Bias(1)), Functional.Linear(v, w.VProjWeight!, Bias(2)));
        if (self)
        {
            var packed = Functional.Linear(q, packedWeight, w.InProjBias).Chunk(3, -1);
            return (packed[0], packed[1], packed[2]);
        }
        Tensor Weight(int i) => packedWeight.Narrow(0, i * EmbedDim, EmbedDim);
        return (Functional.Linear(q, Weight(0), Bias(0)), Functional.Linear(k, Weight(1), Bias(1)), Functional.Linear(v, Weight(2), Bias(2)));
    }

    /// <summary>One more key (bias_k or the zero key) that every query may attend: a 0 column on the additive mask.</summary>
    private static Tensor? PadKeyColumn(Tensor? mask) =>
        mask is null ? null : Tensor.Cat([mask, Tensor.Zeros([.. mask.Shape[..^1], 1], mask.DType)], -1);

    protected override string ExtraRepr() => $"embed_dim={EmbedDim}, num_heads={NumHeads}, dropout={PyRepr.Number(Dropout)}, batch_first={PyRepr.Bool(BatchFirst)}";
}
