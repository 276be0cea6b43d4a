namespace Sharpgrad.NN.Memory.Tasks;

/// <summary>A simple undirected graph on nodes 0 … n − 1, given by its edges in the order a network reads them.</summary>
public sealed class UndirectedGraph
{
    private readonly bool[,] adjacent;

    public int Nodes { get; }

    /// <summary>The edges (a, b), each once.</summary>
    public IReadOnlyList<(int A, int B)> Edges { get; }

    public UndirectedGraph(int nodes, IReadOnlyList<(int A, int B)> edges)
    {
        if (nodes < 2) throw new ArgumentException($"UndirectedGraph: need at least 2 nodes, got {nodes}.");
        (Nodes, Edges, adjacent) = (nodes, edges.ToArray(), new bool[nodes, nodes]);
        foreach (var (a, b) in Edges)
        {
            if (a < 0 || b < 0 || a >= nodes || b >= nodes || a == b || adjacent[a, b])
                throw new ArgumentException($"UndirectedGraph: edge ({a}, {b}) is a loop, a repeat or outside nodes 0 … {nodes - 1}.");
            adjacent[a, b] = adjacent[b, a] = true;
        }
    }

    /// <summary>
    /// A connected graph with <paramref name="edges"/> edges drawn with <paramref name="generator"/>: a random spanning
    /// tree (each node, in a random order, joins a random node placed before it) plus random extra edges, listed in a
    /// random order and orientation.
    /// </summary>
    public static UndirectedGraph RandomConnected(int nodes, int edges, Generator generator)
    {
        if (nodes < 2 || edges < nodes - 1 || edges > nodes * (nodes - 1) / 2)
            throw new ArgumentException(
                $"UndirectedGraph: need at least 2 nodes and n − 1 ≤ edges ≤ n(n − 1)/2 for a connected simple graph, got {nodes} nodes and {edges} edges.");
        var joined = new bool[nodes, nodes];
        var list = new List<(int, int)>();
        void Join(int a, int b)
        {
            joined[a, b] = joined[b, a] = true;
            list.Add((a, b));
        }
        var order = Permutation(nodes, generator);
        for (int k = 1; k < nodes; k++) Join(order[k], order[(int)generator.NextInt64(k)]);
        while (list.Count < edges)
        {
            int a = (int)generator.NextInt64(nodes), b = (int)generator.NextInt64(nodes);
            if (a != b && !joined[a, b]) Join(a, b);
        }
        var shuffled = Permutation(list.Count, generator).Select(i => list[i]);
        return new(nodes, [.. shuffled.Select(e => generator.NextDouble() < 0.5 ? e : (e.Item2, e.Item1))]);
    }

    public bool Adjacent(int a, int b) => adjacent[a, b];

    /// <summary>
    /// The shortest path from <paramref name="source"/> to <paramref name="target"/> as the nodes after the source
    /// (the last is the target), or null when more than one shortest path exists. Breadth-first search counting paths.
    /// </summary>
    public int[]? UniqueShortestPath(int source, int target)
    {
        var (distance, paths, parent) = (new int[Nodes], new int[Nodes], new int[Nodes]);
        Array.Fill(distance, -1);
        (distance[source], paths[source]) = (0, 1);
        var queue = new Queue<int>([source]);
        while (queue.Count > 0)
        {
            int v = queue.Dequeue();
            for (int w = 0; w < Nodes; w++)
            {
                if (!adjacent[v, w]) continue;
                if (distance[w] < 0) { (distance[w], parent[w]) = (distance[v] + 1, v); queue.Enqueue(w); }
                if (distance[w] == distance[v] + 1) paths[w] = Math.Min(paths[w] + paths[v], 2);
            }
        }
        if (paths[target] != 1) return null;
        var path = new int[distance[target]];
        for (int v = target, k = path.Length - 1; k >= 0; v = parent[v], k--) path[k] = v;
        return path;
    }

    /// <summary>A uniformly random permutation of 0 … n − 1 (Fisher–Yates).</summary>
    private static int[] Permutation(int n, Generator generator)
    {
        var p = Enumerable.Range(0, n).ToArray();
        for (int i = n - 1; i > 0; i--)
        {
            int j = (int)generator.NextInt64(i + 1);
            (p[i], p[j]) = (p[j], p[i]);
        }
        return p;
    }
}
