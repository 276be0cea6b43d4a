using Sharpgrad.Kernels;

namespace Sharpgrad.Backends.Reference;

// The optimiser step as the books write it: a loop over the parameter's elements applying the update rule to one
// element at a time (GBC Alg. 8.1–8.7; each rule struct cites its algorithm). A state slot the rule does not use reads
// and writes a scratch variable.
internal sealed partial class ReferenceBackend
{
    public override void ApplyUpdate<TF, TD>(Tensor param, Tensor grad, Tensor? state0, Tensor? state1, Tensor? state2, TF f, TD d)
    {
        RequireOwn("ApplyUpdate", param, grad, state0, state1);
        if (state2 is not null) RequireOwn("ApplyUpdate", state2);
        if (param.DType == DType.Float32) ApplyUpdate<float, TF>(param, grad, state0, state1, state2, f);
        else ApplyUpdate<double, TD>(param, grad, state0, state1, state2, d);
    }

    private static void ApplyUpdate<T, TRule>(Tensor param, Tensor grad, Tensor? state0, Tensor? state1, Tensor? state2, TRule rule)
        where T : unmanaged where TRule : struct, IUpdateRule<T>
    {
        var theta = new Elements<T>(param);
        var g = new Elements<T>(grad);
        var s0 = new Elements<T>(state0);
        var s1 = new Elements<T>(state1);
        var s2 = new Elements<T>(state2);
        for (int i = 0; i < param.Count; i++)
        {
            T a = s0[i], b = s1[i], c = s2[i];
            theta[i] = rule.Apply(theta[i], g[i], ref a, ref b, ref c);
            s0[i] = a;
            s1[i] = b;
            s2[i] = c;
        }
    }

    /// <summary>The elements of a tensor by row-major index; an absent tensor reads 0 and ignores writes.</summary>
    private readonly struct Elements<T>(Tensor? t) where T : unmanaged
    {
        private readonly T[]? data = t?.Data<T>();
        private readonly ElementOffsets at = t is null ? default : new ElementOffsets(t);

        public T this[int i]
        {
            get => data is null ? default : data[at[i]];
            set { if (data is not null) data[at[i]] = value; }
        }
    }
}
