using System.Collections.Concurrent;

namespace Sharpgrad.Probability;

/// <summary>
/// The Kullback–Leibler divergence D_KL(p ‖ q) = E_p[log p(x) − log q(x)] (GBC §3.13, eq. 3.50), from closed forms
/// registered per pair of distribution types, like torch.distributions.kl_divergence and register_kl.
/// The result has the broadcast batch shape of p and q. KL is not symmetric, and it is +∞ where p puts mass that
/// q does not (e.g. a wider Uniform p than q).
/// </summary>
public static class KL
{
    private static readonly ConcurrentDictionary<(Type P, Type Q), Func<Distribution, Distribution, Tensor>> rules = new();

    static KL() => KLClosedForms.RegisterAll();

    /// <summary>D_KL(p ‖ q) by the closed form registered for (type of p, type of q).</summary>
    public static Tensor Divergence(Distribution p, Distribution q)
    {
        if (rules.TryGetValue((p.GetType(), q.GetType()), out var rule)) return rule(p, q);
        string pName = p.GetType().Name, qName = q.GetType().Name;
        throw new NotSupportedException(
            $"KL.Divergence: no closed form is registered for KL({pName} ‖ {qName}). Register one with KL.Register<{pName}, {qName}>(…), " +
            "or estimate E_p[log p(x) − log q(x)] with MonteCarlo.Estimate(x => p.LogProb(x) - q.LogProb(x), p, n).");
    }

    /// <summary>Adds (or replaces) the closed form used for KL(<typeparamref name="TP"/> ‖ <typeparamref name="TQ"/>).</summary>
    public static void Register<TP, TQ>(Func<TP, TQ, Tensor> closedForm) where TP : Distribution where TQ : Distribution =>
        rules[(typeof(TP), typeof(TQ))] = (p, q) => closedForm((TP)p, (TQ)q);
}
