using Sharpgrad.NN;

namespace Sharpgrad.Distributed;

/// <summary>
/// Elastic averaging SGD (EASGD; Zhang, Choromanska &amp; LeCun 2015; NYU notes §4.7.6), synchronous form. Each rank i
/// trains its own replica x_i with its own optimiser on its own data; the replicas are tied by an elastic force of
/// strength ρ to a centre variable x̃ instead of being kept equal. Every τ steps (the communication period), with
/// α = ηρ:
/// <code>
/// x_i ← x_i − α (x_i − x̃)                      every worker is pulled towards the centre
/// x̃  ← x̃  + α Σ_i (x_i − x̃)                    the centre moves towards the workers (the old x_i)
/// </code>
/// The symmetric force lets the workers explore further apart than in synchronous data parallelism (a small ρ) while
/// the centre averages them; the paper's stability analysis for the synchronous round asks for 0 &lt; α and
/// β = Rα &lt; 2 with the usual choice β = 0.9. The paper keeps x̃ on a master process; here every rank holds an identical copy
/// and one allreduce of Σ_i (x_i − x̃) per round updates them all. Usage, after each optimiser step:
/// <code>
/// var easgd = new ElasticAveraging(model, world, alpha: 0.9 / world.Size, period: 4);
/// ... loss.Backward(); optimizer.Step(); easgd.Step();
/// </code>
/// The exchange comes after the τ-th gradient step of each period, where the paper's Algorithm 1 puts it before the
/// gradient step of every step t with τ | t (starting at t = 0): the same sequence, shifted by one gradient step.
/// </summary>
public sealed class ElasticAveraging
{
    private readonly Tensor[] parameters;

    /// <summary>Broadcasts rank 0's parameters (the initial centre and replicas are equal) and keeps a copy as the centre.</summary>
    /// <param name="module">the replica, built identically on every rank</param>
    /// <param name="world">the ranks; <see cref="Communicator.World"/> by default</param>
    /// <param name="alpha">the moving rate α = ηρ, in (0, 1)</param>
    /// <param name="period">τ, the number of steps between exchanges (≥ 1)</param>
    public ElasticAveraging(Module module, Communicator? world = null, double alpha = 0.1, int period = 1)
    {
        ArgumentNullException.ThrowIfNull(module);
        if (!(alpha > 0 && alpha < 1))
            throw new ArgumentOutOfRangeException(nameof(alpha), $"ElasticAveraging: the moving rate α = ηρ must lie in (0, 1), got {alpha}.");
        if (period < 1)
            throw new ArgumentOutOfRangeException(nameof(period), $"ElasticAveraging: the communication period τ must be at least 1 step, got {period}.");
        World = world ?? Communicator.World;
        Alpha = alpha;
        Period = period;
        parameters = [.. module.Parameters()];
        foreach (var p in parameters) World.Broadcast(p);
        Center = [.. parameters.Select(p => p.Detach().Clone())];
    }

    /// <summary>The ranks whose replicas are tied to the centre.</summary>
    public Communicator World { get; }

    /// <summary>α = ηρ: how far one exchange moves a worker towards the centre, and the centre towards each worker.</summary>
    public double Alpha { get; }

    /// <summary>τ: exchanges happen every <see cref="Period"/> calls of <see cref="Step"/>.</summary>
    public int Period { get; }

    /// <summary>The centre variable x̃, one tensor per parameter, identical on every rank.</summary>
    public IReadOnlyList<Tensor> Center { get; }

    /// <summary>How many times <see cref="Step"/> has been called.</summary>
    public long Steps { get; private set; }

    /// <summary>How many elastic exchanges have happened.</summary>
    public long Exchanges { get; private set; }

    /// <summary>Counts a local step; on every τ-th, the elastic exchange (a collective: every rank calls it equally often).</summary>
    public void Step()
    {
        Steps++;
        if (Steps % Period != 0) return;
        using var _ = Autograd.NoGrad();
        var differences = parameters.Select((p, i) => p - Center[i]).ToArray();
        var sum = Tensor.Cat([.. differences.Select(d => d.Reshape(-1))]);
        World.AllReduce(sum);
        int offset = 0;
        for (int i = 0; i < parameters.Length; i++)
        {
            int n = parameters[i].Count;
            parameters[i].CopyFrom(parameters[i] - differences[i] * Alpha);
            Center[i].CopyFrom(Center[i] + sum.Narrow(0, offset, n).Reshape(Center[i].Shape.ToArray()) * Alpha);
            offset += n;
        }
        Exchanges++;
    }
}
