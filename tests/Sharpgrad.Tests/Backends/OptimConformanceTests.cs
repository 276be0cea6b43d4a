using Sharpgrad.Optim;
using static Sharpgrad.Tests.Tensors.TensorAssert;

namespace Sharpgrad.Tests.Backends;

/// <summary>
/// The optimisers' fused update (Backend.ApplyUpdate) on both backends: the CPU's SIMD form of each rule and the
/// reference's one-element form take the same operations in the same order, and +, −, ×, ÷, √ and max round the same
/// in a lane as in scalar code, so every step agrees bit for bit, in float32 and float64, including the elements past
/// the last whole vector (37 is not a multiple of any vector width).
/// </summary>
public class OptimConformanceTests
{
    public static TheoryData<string> Optimisers => ["SGD", "SGD nesterov decay", "Adam amsgrad", "AdamW", "RMSprop centred momentum",
        "RMSprop", "Adagrad", "Adamax", "NAdam", "Adadelta"];

    private static Optimizer Create(string name, Tensor p) => name switch
    {
        "SGD" => new SGD([p], lr: 0.1, momentum: 0.9, dampening: 0.3),
        "SGD nesterov decay" => new SGD([p], lr: 0.05, momentum: 0.8, weightDecay: 0.01, nesterov: true),
        "Adam amsgrad" => new Adam([p], lr: 0.01, weightDecay: 0.02, amsgrad: true),
        "AdamW" => new AdamW([p], lr: 0.01),
        "RMSprop centred momentum" => new RMSprop([p], lr: 0.01, momentum: 0.5, centered: true, weightDecay: 0.1),
        "RMSprop" => new RMSprop([p]),
        "Adagrad" => new Adagrad([p], lrDecay: 0.01, weightDecay: 0.1),
        "Adamax" => new Adamax([p], weightDecay: 0.1),
        "NAdam" => new NAdam([p], weightDecay: 0.1),
        "Adadelta" => new Adadelta([p], weightDecay: 0.1),
        _ => throw new ArgumentException(name),
    };

    [Theory]
    [MemberData(nameof(Optimisers))]
    public void StepsAgreeBitForBit(string name)
    {
        foreach (var dtype in new[] { DType.Float32, DType.Float64 })
            BitwiseEqual(Trajectory(name, dtype, Device.Cpu), Trajectory(name, dtype, Device.Reference));
    }

    [Fact]
    public void AStateOfAnotherDtypeIsUpdatedOnTheReferenceBackendToo()
    {
        // A state replaced by hand with another dtype goes through a working copy, written back after the step.
        foreach (var device in new[] { Device.Cpu, Device.Reference })
        {
            using var _ = Device.Use(device);
            var p = Tensor.FromArray([1.0, -2.0, 3.0], 3).To(DType.Float32).RequireGrad();
            var sgd = new SGD([p], lr: 0.5, momentum: 0.5);
            p.Grad = Tensor.FromArray([1.0, 1.0, 1.0], 3).To(DType.Float32);
            sgd.Step();   // b = g = 1, θ = θ − 0.5
            p.Grad = Tensor.FromArray([2.0, 2.0, 2.0], 3).To(DType.Float32);
            sgd.Step();   // b = 0.5·1 + 2 = 2.5, θ = θ − 1.25
            Assert.Equal(device, p.Device);
            Close([-0.75, -3.75, 1.25], p, 1e-7);
        }
    }

    /// <summary>θ after five steps of <paramref name="name"/> on a 37-element parameter with gradients of varied signs and sizes.</summary>
    private static Tensor Trajectory(string name, DType dtype, Device device)
    {
        using var _ = Device.Use(device);
        var p = Randn(7, 37).To(dtype).RequireGrad();
        var optimizer = Create(name, p);
        for (int step = 0; step < 5; step++)
        {
            p.Grad = (Randn(100 + step, 37) * Math.Pow(3, step - 2)).To(dtype);
            optimizer.Step();
        }
        Assert.Equal(device, p.Device);
        return p.Detach();
    }
}
