namespace Sharpgrad.Generative;

/// <summary>Which generator loss a GAN trains with (GBC §20.10.4).</summary>
public enum GanLoss
{
    /// <summary>min_G E[log(1 − D(G(z)))], the zero-sum game.</summary>
    Minimax,

    /// <summary>min_G −E[log D(G(z))], the heuristic used in practice.</summary>
    NonSaturating,
}
