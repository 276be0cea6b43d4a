namespace Sharpgrad.NN;

/// <summary>
/// The check behind recycling a module's activations (<see cref="LayerChainBuffers"/>, <see cref="InternalActivations"/>):
/// whether a module tree is made only of layers that run no user code and keep nothing they compute or see.
/// </summary>
internal static class BuiltInModuleTree
{
    /// <summary>
    /// True when every module of <paramref name="root"/>'s tree is of one of <paramref name="layersThatKeepNothing"/>,
    /// exactly (a subclass may keep what it computes), none below the root has a forward hook (a hook could keep an
    /// intermediate output; the root's own hooks run outside its computation and see only its input and result), no
    /// batch norm has a <see cref="BatchNormNd.StatisticsSync"/> (user code that sees the batch's sums), and,
    /// with <paramref name="evalOnly"/>, every module is in eval mode. Checked on every call: a user may add a module to
    /// a public container at any time, so a constructor's layout proves nothing. Walks by children (no names, no
    /// de-duplication: a shared module is merely checked twice).
    /// </summary>
    public static bool KeepsNothing(Module root, IReadOnlySet<Type> layersThatKeepNothing, bool evalOnly)
        => KeepsNothing(root, root, layersThatKeepNothing, evalOnly);

    private static bool KeepsNothing(Module module, Module root, IReadOnlySet<Type> layersThatKeepNothing, bool evalOnly)
    {
        if ((evalOnly && module.IsTraining) || !layersThatKeepNothing.Contains(module.GetType())) return false;
        if (!ReferenceEquals(module, root) && module.HasForwardHooks) return false;
        // A synchronised batch norm hands the batch's sums, allocated in the call, to user code, which may keep them.
        if (module is BatchNormNd { StatisticsSync: not null }) return false;
        // By index: Children() allocates an iterator per module, and this runs on every inference call.
        for (int i = 0; i < module.ChildCount; i++)
            if (!KeepsNothing(module.Child(i), root, layersThatKeepNothing, evalOnly)) return false;
        return true;
    }
}
