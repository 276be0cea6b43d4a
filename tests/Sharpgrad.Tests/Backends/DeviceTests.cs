using Sharpgrad.Kernels;
using Sharpgrad.NN;
using static Sharpgrad.Tests.Tensors.TensorAssert;

namespace Sharpgrad.Tests.Backends;

/// <summary>Devices as users see them: where tensors are created, how they move, and what mixing devices does.</summary>
public class DeviceTests
{
    [Fact]
    public void TensorsAreCreatedOnTheScopedDeviceAndTheScopeRestoresTheOuterOne()
    {
        Assert.Equal(Device.Cpu, Tensor.Zeros(2).Device);
        using (Device.Use(Device.Reference))
        {
            Assert.Equal(Device.Reference, Tensor.Ones(2, 3).Device);
            using (Device.Use(Device.Cpu)) Assert.Equal(Device.Cpu, Tensor.From(new[] { 1f, 2f }).Device);
            Assert.Equal(Device.Reference, Tensor.Randn(2).Device);
        }
        Assert.Equal(Device.Cpu, Tensor.Scalar(1).Device);
    }

    [Fact]
    public void ToDeviceCopiesTheValuesAndIsANoOpOnTheSameDevice()
    {
        var x = Tensor.From(new double[,] { { 1, -2, 3 }, { 4.5, double.NaN, -0.0 } }).Transpose(0, 1);
        var moved = x.To(Device.Reference);
        Assert.Equal(Device.Reference, moved.Device);
        BitwiseEqual(x, moved);
        Assert.Same(moved, moved.To(Device.Reference));
        var ints = Tensor.From(new long[] { long.MaxValue, -7 }).To(Device.Reference);
        Assert.Equal(new[] { long.MaxValue, -7 }, ints.ToArray<long>());
    }

    [Fact]
    public void OpsComputeOnTheirOperandsDeviceAndScalarsFollowThem()
    {
        var a = Tensor.From(new[] { 1.0, 2, 3 }).To(Device.Reference);
        var b = Tensor.From(new[] { 10.0, 20, 30 }).To(Device.Reference);
        var y = (a + b) * 2 + Tensor.Scalar(1, DType.Float64);
        Assert.Equal(Device.Reference, y.Device);
        Close(new[] { 23.0, 45, 67 }, y);
    }

    [Fact]
    public void MixingDevicesIsAnErrorNamingTheOpAndBothDevices()
    {
        var a = Tensor.Ones(2, 3);
        var b = Tensor.Ones(2, 3).To(Device.Reference);
        var e = Assert.Throws<InvalidOperationException>(() => a + b);
        Assert.Contains("Add", e.Message);
        Assert.Contains("cpu", e.Message);
        Assert.Contains("reference", e.Message);
        Assert.Contains("To(device)", e.Message);
    }

    [Fact]
    public void APrimitiveRefusesATensorOfAnotherDevice()
    {
        var x = Tensor.Ones(3).To(Device.Reference);
        var y = Tensor.Zeros(3);
        var e = Assert.Throws<InvalidOperationException>(() => Device.Cpu.Backend.Map(y, x, new NegOp<float>(), new NegOp<double>()));
        Assert.Contains("device cpu", e.Message);
    }

    [Fact]
    public void GradientsFlowBackToTheSourceDevice()
    {
        var x = Tensor.From(new[] { 0.5, -1.0, 2.0 }).RequireGrad();
        x.To(Device.Reference).Exp().Sum().Backward();
        Assert.Equal(Device.Cpu, x.Grad!.Device);
        Close(new[] { Math.Exp(0.5), Math.Exp(-1.0), Math.Exp(2.0) }, x.Grad!, 1e-15);
    }

    [Fact]
    public void AModuleMovesItsParametersAndGradientsInPlace()
    {
        var layer = new Linear(3, 2);
        var weight = layer.Weight;
        var input = Tensor.Randn([4, 3], DType.Float32, new Generator(1));
        layer.Forward(input).Sum().Backward();
        var expected = layer.Forward(input);

        layer.To(Device.Reference);
        Assert.Same(weight, layer.Weight);
        Assert.All(layer.Parameters(), p => Assert.Equal(Device.Reference, p.Device));
        Assert.Equal(Device.Reference, weight.Grad!.Device);
        var output = layer.Forward(input.To(Device.Reference));
        Assert.Equal(Device.Reference, output.Device);
        Close(expected.ToDoubleArray(), output, 1e-6);
    }

    [Fact]
    public void ParseNamesTheDevicesAndRejectsOthers()
    {
        Assert.Equal(Device.Cpu, Device.Parse("CPU"));
        Assert.Equal(Device.Reference, Device.Parse(" reference "));
        var e = Assert.Throws<ArgumentException>(() => Device.Parse("cuda"));
        Assert.Contains("cuda", e.Message);
        Assert.Equal("reference", Device.Reference.ToString());
    }
}
