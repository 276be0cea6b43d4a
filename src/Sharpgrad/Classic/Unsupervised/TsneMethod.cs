namespace Sharpgrad.Classic;

/// <summary>How <see cref="TSNE"/> computes its gradient.</summary>
public enum TsneMethod
{
    /// <summary>
    /// Every pair: P over all points and the N×N Student-t matrix each iteration, O(N²) time and memory. The exact
    /// cost of van der Maaten &amp; Hinton (2008); fine up to a few thousand points.
    /// </summary>
    Exact,

    /// <summary>
    /// Barnes–Hut t-SNE (van der Maaten 2014), scikit-learn's default: P kept only over each point's ⌊3·perplexity⌋
    /// nearest neighbours (sparse), and the repulsive forces summarised by a space-partitioning tree (a quadtree in
    /// 2-D) whose far cells act as one point at their centre of mass. O(N log N) per iteration; the angle θ sets how
    /// far is far (θ = 0 is exact again).
    /// </summary>
    BarnesHut,
}
