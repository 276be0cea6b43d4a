using Sharpgrad.Kernels;

namespace Sharpgrad.Backends.Cpu;

internal sealed partial class CpuBackend
{
    public override void Softmax(Tensor y, Tensor x, int outer, int length, int inner, bool log)
    {
        RequireOwn("Softmax", y, x);
        RequireSoftmaxLayout("Softmax", ("y", y), ("x", x));
        if (x.DType == DType.Float32) SoftmaxKernels.Softmax(x.Data<float>(), x.offset, outer, length, inner, y.Data<float>(), log);
        else SoftmaxKernels.Softmax(x.Data<double>(), x.offset, outer, length, inner, y.Data<double>(), log);
    }

    public override void SoftmaxBackward(Tensor gx, Tensor y, Tensor g, int outer, int length, int inner)
    {
        RequireOwn("SoftmaxBackward", gx, y, g);
        RequireSoftmaxLayout("SoftmaxBackward", ("gx", gx), ("y", y), ("g", g));
        if (y.DType == DType.Float32)
            SoftmaxKernels.SoftmaxBackward(y.Data<float>(), y.offset, g.Data<float>(), g.offset, outer, length, inner, gx.Data<float>());
        else SoftmaxKernels.SoftmaxBackward(y.Data<double>(), y.offset, g.Data<double>(), g.offset, outer, length, inner, gx.Data<double>());
    }
}
