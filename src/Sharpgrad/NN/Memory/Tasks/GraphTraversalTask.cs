namespace Sharpgrad.NN.Memory.Tasks;

/// <summary>
/// Shortest paths on small random graphs, a compact form of the DNC's London Underground task (Graves et al. 2016,
/// Fig. 3): the network reads a graph edge by edge, then a query (source, target), then must walk the shortest path.
/// <para>
/// Encoding, for n nodes and E edges; input width 2n + 2, T = E + 1 + (n − 1) steps:
/// <list type="bullet">
/// <item>steps 0 … E − 1: one undirected edge (a, b) each, as one-hot a in channels 0 … n − 1 and one-hot b in channels
/// n … 2n − 1 (random order and orientation);</item>
/// <item>step E: the query, one-hot source and one-hot target in the same two blocks, and the query flag (channel 2n);</item>
/// <item>steps E + 1 … E + n − 1: the answer flag (channel 2n + 1) and nothing else. The labels are the path's nodes after
/// the source, v₁ … v_d = target, and then the target again until the end ("walk, then stay"), so every sequence has
/// n − 1 answer steps and the number of steps gives the path's length away to no one.</item>
/// </list>
/// The paper's graphs label each edge with its line and the answers are (from, to, line) triples; here edges are
/// unlabelled and the answers are nodes. Queries have a unique shortest path, so the labels are well defined, of at
/// least two edges, so that answering "the target" at every step gets no path right.
/// </para>
/// </summary>
public static class GraphTraversalTask
{
    /// <summary>The input width for graphs of <paramref name="nodes"/> nodes.</summary>
    public static int InputWidth(int nodes) => 2 * nodes + 2;

    /// <summary>The number of steps for <paramref name="nodes"/> nodes and <paramref name="edges"/> edges.</summary>
    public static int Steps(int nodes, int edges) => edges + nodes;

    public static LabelledSequenceBatch Generate(int batch, int nodes, int edges, Generator generator, DType dtype = DType.Float32)
    {
        MemoryChecks.Positive("GraphTraversalTask", ("batch", batch));
        int width = InputWidth(nodes), steps = Steps(nodes, edges);
        var input = new double[steps * batch * width];
        var labels = new long[steps * batch];
        Array.Fill(labels, LabelledSequenceBatch.NotAnswered);
        void Set(int t, int s, int channel) => input[(t * batch + s) * width + channel] = 1;
        for (int s = 0; s < batch; s++)
        {
            var (graph, source, target, path) = Draw(nodes, edges, generator);
            for (int t = 0; t < edges; t++)
            {
                Set(t, s, graph.Edges[t].A);
                Set(t, s, nodes + graph.Edges[t].B);
            }
            Set(edges, s, source);
            Set(edges, s, nodes + target);
            Set(edges, s, 2 * nodes);
            for (int k = 0; k < nodes - 1; k++)
            {
                Set(edges + 1 + k, s, 2 * nodes + 1);
                labels[(edges + 1 + k) * batch + s] = path[Math.Min(k, path.Length - 1)];
            }
        }
        return new(Tensor.FromArray(input, steps, batch, width).To(dtype), Tensor.FromArray(labels, steps, batch));
    }

    /// <summary>
    /// A graph and a query drawn uniformly from its pairs (source, target) whose shortest path is unique and has at least
    /// two edges (a neighbour is a lookup, not a traversal); a graph without such a pair is redrawn, up to
    /// <see cref="MaxDraws"/> times (dense graphs such as K₄ minus an edge never have one).
    /// </summary>
    private static (UndirectedGraph Graph, int Source, int Target, int[] Path) Draw(int nodes, int edges, Generator generator)
    {
        for (int draw = 0; draw < MaxDraws; draw++)
        {
            var graph = UndirectedGraph.RandomConnected(nodes, edges, generator);
            var queries = (from source in Enumerable.Range(0, nodes)
                           from target in Enumerable.Range(0, nodes)
                           where source != target
                           let path = graph.UniqueShortestPath(source, target)
                           where path is { Length: >= 2 }
                           select (source, target, path)).ToArray();
            if (queries.Length == 0) continue;
            var (s, t, p) = queries[(int)generator.NextInt64(queries.Length)];
            return (graph, s, t, p);
        }
        throw new ArgumentException(
            $"GraphTraversalTask: {MaxDraws} random graphs of {nodes} nodes and {edges} edges had no pair with a unique shortest path of two or more edges; use a sparser graph.");
    }

    private const int MaxDraws = 1000;
}
