namespace Sharpgrad.Generative;

/// <summary>
/// Training a DBM by variational stochastic maximum likelihood (GBC §20.4.4; Salakhutdinov &amp; Hinton 2009). The
/// gradient of the bound L̃(v, q) − log Z is E_q[−∂E/∂θ] − E_model[−∂E/∂θ]: the positive phase takes the mean-field
/// q of each example as constant and, since E is linear in each layer, E_q[E(v, h)] = E(v, ĥ⁽¹⁾, ĥ⁽²⁾); the negative
/// phase takes persistent Gibbs chains (GBC Alg. 18.3) that move <see cref="Steps"/> sweeps per update.
/// <see cref="Loss"/> is mean E(v, ĥ) − mean E(chains) with both constant, whose gradient is that estimate with the
/// sign for minimisation, so any optimiser applies it.
/// </summary>
public sealed class DeepBoltzmannTraining
{
    private DbmState? chains;

    /// <param name="chainCount">the number of persistent chains</param>
    /// <param name="steps">Gibbs sweeps per update</param>
    /// <param name="meanFieldIterations">at most this many mean-field sweeps per batch</param>
    public DeepBoltzmannTraining(int chainCount = 100, int steps = 1, int meanFieldIterations = 30)
    {
        if (chainCount < 1 || steps < 1 || meanFieldIterations < 1)
            throw new ArgumentOutOfRangeException(nameof(chainCount),
                $"DeepBoltzmannTraining: chainCount, steps and meanFieldIterations must be positive, got {chainCount}, {steps} and {meanFieldIterations}.");
        ChainCount = chainCount;
        Steps = steps;
        MeanFieldIterations = meanFieldIterations;
    }

    public int ChainCount { get; }

    public int Steps { get; }

    public int MeanFieldIterations { get; }

    /// <summary>The persistent chains' states (null before the first update).</summary>
    public DbmState? Chains => chains;

    public Tensor Loss(DeepBoltzmannMachine dbm, Tensor data, Generator generator)
    {
        ArgumentNullException.ThrowIfNull(dbm);
        var q = dbm.MeanField(data, MeanFieldIterations, tolerance: 1e-5);
        chains ??= dbm.RandomState(ChainCount, generator);
        if (chains.Visible.Size(1) != dbm.VisibleSize || chains.Hidden1.Size(1) != dbm.Hidden1Size || chains.Hidden2.Size(1) != dbm.Hidden2Size)
            throw new ArgumentException("DeepBoltzmannTraining: the persistent chains were made for a DBM with other layer sizes.");
        for (int s = 0; s < Steps; s++) chains = dbm.GibbsSweep(chains, generator);
        return dbm.Energy(data.Detach(), q.Hidden1, q.Hidden2).Mean() - dbm.Energy(chains.Visible, chains.Hidden1, chains.Hidden2).Mean();
    }
}
