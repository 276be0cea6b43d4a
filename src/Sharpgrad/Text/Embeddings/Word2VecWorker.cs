namespace Sharpgrad.Text.Embeddings;

/// <summary>
/// What one thread needs to train blocks: the scratch vectors (allocated once, so a training pair allocates
/// nothing) and the read-only tables shared by all workers. <see cref="Train{TRows}"/> runs word2vec's inner loops
/// (Mikolov et al. 2013; the C tool's <c>TrainModelThread</c> and gensim's <c>word2vec_inner.pyx</c>) on one block.
/// </summary>
internal sealed class Word2VecWorker(Word2VecOptions options, Word2VecTables tables)
{
    private readonly float[] hidden = new float[options.VectorSize];     // CBOW's h, the mean of the context vectors
    private readonly float[] hiddenGrad = new float[options.VectorSize]; // neu1e: the step for the input vector(s)
    private int[] sentence = new int[256];
    private int[] context = new int[16];                                 // CBOW's context words

    /// <summary>Σ of −log-likelihood over the predictions trained since the last <see cref="TakeLoss"/>.</summary>
    private double loss;
    private long predictions;

    /// <summary>The loss summed since the last call and the number of predictions it covers; resets both.</summary>
    public (double Loss, long Predictions) TakeLoss()
    {
        var taken = (loss, predictions);
        loss = 0;
        predictions = 0;
        return taken;
    }

    /// <summary>
    /// The learning rate at <paramref name="done"/> of <paramref name="total"/> (words or sentences, see
    /// <see cref="LearningRateClock"/>): linear from alpha at the start of the run to min_alpha at its end. A block
    /// reads it at its first word or sentence (gensim reads it per job of 10000 words too, and word2vec's C code every 10000).
    /// </summary>
    public static float LearningRate(Word2VecOptions options, long done, long total)
    {
        double progress = total == 0 ? 0 : (double)done / total;
        return (float)Math.Max(options.MinAlpha, options.Alpha - (options.Alpha - options.MinAlpha) * progress);
    }

    /// <summary>Trains one block through <paramref name="rows"/>.</summary>
    public void Train<TRows>(TrainingBlock block, TRows rows) where TRows : struct, IRowAccess
    {
        var random = new Generator(BlockSeed(options.Seed, block.Index));
        var (done, total) = tables.Progress(block);
        float alpha = LearningRate(options, done, total);
        int start = 0;
        foreach (int end in block.SentenceEnds)
        {
            int n = Subsample(block.Words.AsSpan(start, end - start), random);
            start = end;
            for (int i = 0; i < n; i++)
            {
                // The dynamic window (word2vec's b = rand % window): distance 1..window, so nearer words count more.
                int reach = options.Window - (int)random.NextInt64(options.Window);
                var (from, to) = ContextWindow.Bounds(i, n, reach);
                if (options.Architecture == Word2VecArchitecture.Cbow) TrainCbow(i, from, to, alpha, random, rows);
                else if (tables.Subwords is { } subwords)
                {
                    for (int j = from; j <= to; j++)
                        if (j != i) TrainFromMean(sentence[i], subwords.Rows(sentence[j]), alpha, random, rows);
                }
                else
                {
                    for (int j = from; j <= to; j++)
                        if (j != i) TrainPrediction(sentence[i], rows.Input(sentence[j]), alpha, random, rows);
                }
            }
        }
    }

    /// <summary>A block's own random stream: SplitMix-style mixing of the seed and the block index.</summary>
    internal static long BlockSeed(long seed, long blockIndex)
    {
        ulong z = (ulong)seed + 0x9E3779B97F4A7C15UL * (ulong)(blockIndex + 1);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return (long)(z ^ (z >> 31));
    }

    /// <summary>Copies the words of <paramref name="words"/> that subsampling keeps into the sentence buffer; one draw per word.</summary>
    private int Subsample(ReadOnlySpan<int> words, Generator random)
    {
        if (sentence.Length < words.Length) sentence = new int[Math.Max(words.Length, sentence.Length * 2)];
        var keep = tables.KeepProbability;
        int n = 0;
        foreach (int word in words)
            if (random.NextDouble() < keep[word]) sentence[n++] = word;
        return n;
    }

    /// <summary>
    /// CBOW: h = the mean of the context vectors predicts the centre word (<see cref="TrainFromMean{TRows}"/>). With a
    /// <paramref name="documentRow"/> (≥ 0), that input row joins the context: doc2vec's PV-DM (Le &amp; Mikolov 2014, §2.2).
    /// </summary>
    private void TrainCbow<TRows>(int centre, int from, int to, float alpha, Generator random, TRows rows, int documentRow = -1)
        where TRows : struct, IRowAccess
    {
        if (to == from && documentRow < 0) return; // a one-word sentence has no context
        if (context.Length < to - from + 1) context = new int[Math.Max(to - from + 1, 2 * context.Length)];
        int n = 0;
        if (documentRow >= 0) context[n++] = documentRow;
        for (int j = from; j <= to; j++)
            if (j != centre) context[n++] = sentence[j];
        TrainFromMean(sentence[centre], context.AsSpan(0, n), alpha, random, rows);
    }

    /// <summary>
    /// One pass of doc2vec (Le &amp; Mikolov 2014; NYU ch6) over a document's words (subsampled, as gensim does), with
    /// the paragraph vector in input row <paramref name="documentRow"/>:
    /// <list type="bullet">
    /// <item>PV-DM (<paramref name="distributedMemory"/>): for every word, the mean of the paragraph vector and the
    /// dynamic window's context word vectors predicts the word (CBOW with the paragraph as one more context word);</item>
    /// <item>PV-DBOW: the paragraph vector alone predicts every word of the document (skip-gram with the paragraph as
    /// the only context).</item>
    /// </list>
    /// Both by negative sampling and/or the hierarchical softmax, through <see cref="TrainPrediction{TRows}"/>.
    /// </summary>
    public void TrainDocument<TRows>(ReadOnlySpan<int> words, int documentRow, bool distributedMemory, float alpha, Generator random, TRows rows)
        where TRows : struct, IRowAccess
    {
        int n = Subsample(words, random);
        for (int i = 0; i < n; i++)
        {
            if (!distributedMemory)
            {
                TrainPrediction(sentence[i], rows.Input(documentRow), alpha, random, rows);
                continue;
            }
            int reach = options.Window - (int)random.NextInt64(options.Window);
            var (from, to) = ContextWindow.Bounds(i, n, reach);
            TrainCbow(i, from, to, alpha, random, rows, documentRow);
        }
    }

    /// <summary>
    /// A prediction from h = the mean of several input rows: CBOW's context words, or a fastText word's own row and
    /// its n-gram buckets (Bojanowski et al. 2017; fastText's <c>computeHidden</c> averages them). Every row then
    /// takes the whole step neu1e, as word2vec and gensim do for CBOW (cbow_mean=1) and fastText does for subwords.
    /// </summary>
    private void TrainFromMean<TRows>(int target, ReadOnlySpan<int> inputRows, float alpha, Generator random, TRows rows) where TRows : struct, IRowAccess
    {
        Array.Clear(hidden);
        foreach (int row in inputRows) Blas1.Axpy(1f, rows.Input(row), hidden);
        float inverse = 1f / inputRows.Length;
        for (int k = 0; k < hidden.Length; k++) hidden[k] *= inverse;
        TrainPrediction(target, hidden, alpha, random, rows, updateInput: false);
        foreach (int row in inputRows) Blas1.Axpy(1f, hiddenGrad, rows.Input(row));
    }

    /// <summary>
    /// One prediction of <paramref name="target"/> from the input vector <paramref name="input"/> (a context word's
    /// vector for skip-gram, h for CBOW) by gradient ascent on the log-likelihood, step <paramref name="alpha"/>:
    /// <list type="bullet">
    /// <item>hierarchical softmax: for each inner node n on the target's path with branch c, log σ((1 − 2c)·u_n·x);</item>
    /// <item>negative sampling: log σ(u_target·x) + Σ over k noise words of log σ(−u_noise·x) (the noise term is
    /// σ(−s); printings that give log σ(s) for it would pull noise words towards the input);</item>
    /// <item>NCE (<see cref="Word2VecOptions.NoiseContrastive"/>): the same with every score s replaced by
    /// s − log(k·q(w)) (GBC §18.6).</item>
    /// </list>
    /// With label ℓ (1 for the target or a 0-branch, 0 for noise or a 1-branch), ∂/∂s log σ(±s) = ℓ − σ(s), so each
    /// output vector moves by g·x with g = (ℓ − σ(s))·α, and the input by Σ g·u (accumulated in neu1e and added after
    /// all outputs have moved, as word2vec does).
    /// </summary>
    internal void TrainPrediction<TRows>(int target, Span<float> input, float alpha, Generator random, TRows rows, bool updateInput = true)
        where TRows : struct, IRowAccess
    {
        Array.Clear(hiddenGrad);
        if (options.HierarchicalSoftmax)
        {
            var code = tables.Tree!.Code(target);
            var points = tables.Tree.Points(target);
            for (int d = 0; d < code.Length; d++)
            {
                var u = rows.Inner(points[d]);
                float s = Blas1.Dot(input, u);
                if (s <= -SigmoidTable.MaxExp || s >= SigmoidTable.MaxExp) continue; // word2vec skips saturated nodes
                float g = (1 - code[d] - SigmoidTable.Sigmoid(s)) * alpha;
                loss -= SigmoidTable.LogSigmoid(code[d] == 0 ? s : -s);
                Blas1.Axpy(g, u, hiddenGrad);
                Blas1.Axpy(g, input, u);
            }
        }
        var nceShift = tables.NoiseLogExpectedCount;
        for (int d = 0; d <= options.Negative && options.Negative > 0; d++)
        {
            int word = target;
            float label = 1;
            if (d > 0)
            {
                word = tables.Noise!.Sample(random);
                // Negative sampling skips a draw of the target (word2vec's C code); NCE must keep it as noise: its
                // estimator counts each word's noise draws ~ Binomial(k, q(w)), the target included, and dropping them
                // would make u·v converge to the log-odds of w rather than log p(w | c) (Gutmann & Hyvärinen 2012).
                if (word == target && nceShift is null) continue;
                label = 0;
            }
            var u = rows.Negative(word);
            float s = Blas1.Dot(input, u);
            if (nceShift is not null)
            {
                // NCE: the log-odds that the word came from the data, s − log(k·q(w)). Rare words start far beyond ±6
                // (log(k·q) ≈ −10), so σ is clamped to 0 or 1 there, as word2vec's C code does, rather than the pair skipped.
                s -= nceShift[word];
            }
            // Saturated pairs are skipped, as gensim does (word2vec's C code clamps σ to 0 or 1 there instead).
            else if (s <= -SigmoidTable.MaxExp || s >= SigmoidTable.MaxExp) continue;
            float g = (label - SigmoidTable.Sigmoid(s)) * alpha;
            loss -= SigmoidTable.LogSigmoid(label == 1 ? s : -s);
            Blas1.Axpy(g, u, hiddenGrad);
            Blas1.Axpy(g, input, u);
        }
        predictions++;
        if (updateInput) Blas1.Axpy(1f, hiddenGrad, input);
    }
}
