using Sharpgrad.NN.Memory.Tasks;

namespace Sharpgrad.Tests.NN.Memory;

/// <summary>
/// The graph-traversal and sort tasks and their labelled batches: layouts, and answers checked against an independent
/// reading of the inputs (Floyd–Warshall distances for the paths, a sort of the symbols read back).
/// </summary>
public class GraphAndSortTaskTests
{
    [Fact]
    public void ShortestPathsAreFoundAndTiesAreRefused()
    {
        // A path 0 − 1 − 2 − 3, then closed into a square by 3 − 0.
        var path = new UndirectedGraph(4, [(0, 1), (1, 2), (2, 3)]);
        Assert.Equal([1, 2, 3], path.UniqueShortestPath(0, 3)!);
        Assert.Equal([1], path.UniqueShortestPath(2, 1)!);
        var square = new UndirectedGraph(4, [(0, 1), (1, 2), (2, 3), (3, 0)]);
        Assert.Null(square.UniqueShortestPath(0, 2));
        Assert.Equal([3], square.UniqueShortestPath(0, 3)!);
        Assert.Throws<ArgumentException>(() => new UndirectedGraph(3, [(0, 1), (1, 0)]));
    }

    [Fact]
    public void RandomGraphsAreConnectedWithTheEdgesAskedFor()
    {
        var generator = new Generator(4);
        for (int k = 0; k < 20; k++)
        {
            var graph = UndirectedGraph.RandomConnected(6, 8, generator);
            Assert.Equal(8, graph.Edges.Select(e => (Math.Min(e.A, e.B), Math.Max(e.A, e.B))).Distinct().Count());
            var distance = Distances(6, graph.Edges);
            Assert.All(Enumerable.Range(0, 6), v => Assert.True(distance[0, v] < Unreachable));
        }
        var error = Assert.Throws<ArgumentException>(() => UndirectedGraph.RandomConnected(4, 2, generator));
        Assert.Contains("4 nodes and 2 edges", error.Message);
    }

    [Fact]
    public void GraphTraversalEncodesEdgesQueryAndTheWalkAlongTheShortestPath()
    {
        const int nodes = 6, edges = 7, batch = 16;
        var data = GraphTraversalTask.Generate(batch, nodes, edges, new Generator(5), DType.Float64);
        Assert.Equal([edges + nodes, batch, 2 * nodes + 2], data.Input.Shape);
        var input = data.Input.ToArray<double>();
        var labels = data.Labels.ToArray<long>();
        double At(int t, int s, int c) => input[(t * batch + s) * (2 * nodes + 2) + c];
        int OneHot(int t, int s, int block) => Enumerable.Range(0, nodes).Single(c => At(t, s, block * nodes + c) == 1);
        for (int s = 0; s < batch; s++)
        {
            var edgeList = Enumerable.Range(0, edges).Select(t => (OneHot(t, s, 0), OneHot(t, s, 1))).ToArray();
            var distance = Distances(nodes, edgeList);
            int source = OneHot(edges, s, 0), target = OneHot(edges, s, 1);
            Assert.Equal(1, At(edges, s, 2 * nodes));
            Assert.InRange(distance[source, target], 2, nodes - 1);
            // The walk: every step goes to a neighbour one closer to the target, then stays on it.
            int at = source;
            for (int k = 0; k < nodes - 1; k++)
            {
                int t = edges + 1 + k;
                Assert.Equal(1, At(t, s, 2 * nodes + 1));
                int next = (int)labels[t * batch + s];
                if (at == target) Assert.Equal(target, next);
                else
                {
                    Assert.Equal(1, distance[at, next]);
                    Assert.Equal(distance[at, target] - 1, distance[next, target]);
                }
                at = next;
            }
            Assert.Equal(target, at);
            Assert.All(Enumerable.Range(0, edges + 1), t => Assert.Equal(LabelledSequenceBatch.NotAnswered, labels[t * batch + s]));
        }
    }

    [Fact]
    public void SortAsksForTheSymbolsInAscendingOrder()
    {
        const int length = 5, symbols = 7, batch = 4;
        var data = SortTask.Generate(batch, length, symbols, new Generator(6), DType.Float64);
        Assert.Equal([2 * length, batch, symbols + 1], data.Input.Shape);
        for (int s = 0; s < batch; s++)
        {
            var read = Enumerable.Range(0, length).Select(t => (long)data.Input[t, s].Narrow(0, 0, symbols).ArgMax().Item()).Order();
            var answers = Enumerable.Range(length, length).Select(t => (long)data.Labels[t, s].Item());
            Assert.Equal(read, answers);
            Assert.Equal(length, data.Input.Select(1, s).Select(1, symbols).Sum().Item());
        }
    }

    [Fact]
    public void LabelledBatchesCountOnlyAnswerSteps()
    {
        // Two steps, two sequences; only step 1 is answered, with classes 0 and 1 of 2.
        var labels = Tensor.From(new long[] { -100, -100, 0, 1 }).View(2, 2);
        var data = new LabelledSequenceBatch(Tensor.Zeros([2, 2, 1], DType.Float64), labels);
        // Zero logits: ln 2 per answer; step 0's logits, however wrong, do not count.
        var logits = Tensor.From(new double[] { 9, -9, 9, -9, 0, 0, 0, 0 }).View(2, 2, 2);
        Assert.Equal(Math.Log(2), data.Loss(logits).Item(), 12);
        // Sequence 0 right (class 0), sequence 1 wrong (class 0 predicted, 1 asked).
        var half = Tensor.From(new double[] { 0, 0, 0, 0, 3, 1, 3, 1 }).View(2, 2, 2);
        Assert.Equal(0.5, data.StepAccuracy(half));
        Assert.Equal(0.5, data.SequenceAccuracy(half));
        var error = Assert.Throws<ArgumentException>(() => data.Loss(Tensor.Zeros([3, 2, 2], DType.Float64)));
        Assert.Contains("LabelledSequenceBatch: the logits must be [steps, batch, classes] = [2, 2, any], got [3, 2, 2]", error.Message);
    }

    private const int Unreachable = 1000;

    /// <summary>All-pairs distances by Floyd–Warshall (independent of the breadth-first search under test).</summary>
    private static int[,] Distances(int nodes, IEnumerable<(int A, int B)> edges)
    {
        var d = new int[nodes, nodes];
        for (int i = 0; i < nodes; i++)
            for (int j = 0; j < nodes; j++) d[i, j] = i == j ? 0 : Unreachable;
        foreach (var (a, b) in edges) d[a, b] = d[b, a] = 1;
        for (int k = 0; k < nodes; k++)
            for (int i = 0; i < nodes; i++)
                for (int j = 0; j < nodes; j++) d[i, j] = Math.Min(d[i, j], d[i, k] + d[k, j]);
        return d;
    }
}
