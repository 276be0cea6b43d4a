using Sharpgrad.NN;

namespace Sharpgrad.Tests.NN;

public class DistillationLossTests
{
    private static readonly double[,] Student = { { 1.0, -0.5, 0.25 }, { 0.0, 2.0, -1.0 } };
    private static readonly double[,] Teacher = { { 2.0, 0.5, -1.0 }, { -0.5, 1.5, 0.5 } };
    private static readonly long[] Labels = [0, 2];

    /// <summary>softmax(row/T) in plain doubles, independent of the tensor ops.</summary>
    private static double[] Softmax(double[,] logits, int row, double t)
    {
        var e = Enumerable.Range(0, logits.GetLength(1)).Select(c => Math.Exp(logits[row, c] / t)).ToArray();
        return e.Select(v => v / e.Sum()).ToArray();
    }

    [Fact]
    public void EqualsTheDefinitionComputedByHand()
    {
        const double t = 3, alpha = 0.7;
        double kl = 0, ce = 0;
        for (int n = 0; n < 2; n++)
        {
            var (p, q) = (Softmax(Teacher, n, t), Softmax(Student, n, t));
            kl += p.Zip(q, (pi, qi) => pi * Math.Log(pi / qi)).Sum();
            ce += -Math.Log(Softmax(Student, n, 1)[Labels[n]]);
        }
        double expected = alpha * t * t * kl / 2 + (1 - alpha) * ce / 2;
        var loss = Losses.Distillation(Tensor.From(Student), Tensor.From(Teacher), Tensor.From(Labels), t, alpha);
        Assert.Equal(expected, loss.Item(), 12);
    }

    [Fact]
    public void AlphaZeroIsCrossEntropyAndTheTeacherGetsNoGradient()
    {
        var teacher = Tensor.From(Teacher).RequireGrad();
        var student = Tensor.From(Student).RequireGrad();
        var loss = Losses.Distillation(student, teacher, Tensor.From(Labels), alpha: 0);
        Assert.Equal(Losses.CrossEntropy(student, Tensor.From(Labels)).Item(), loss.Item(), 14);
        Losses.Distillation(student, teacher, Tensor.From(Labels)).Backward();
        Assert.Null(teacher.Grad);
    }

    /// <summary>
    /// Hinton et al. §2.1: for T much larger than the logits, with zero-mean logits, the soft term's gradient (times T²)
    /// is (z − v)/C per example, i.e. distillation becomes matching logits.
    /// </summary>
    [Fact]
    public void AtHighTemperatureTheGradientMatchesLogits()
    {
        var z = Tensor.From(new double[,] { { 0.3, -0.1, -0.2 } }).RequireGrad();
        var v = Tensor.From(new double[,] { { -0.4, 0.1, 0.3 } });
        Losses.Distillation(z, v, Tensor.From(new long[] { 0 }), temperature: 1000, alpha: 1).Backward();
        double[] expected = [(0.3 + 0.4) / 3, (-0.1 - 0.1) / 3, (-0.2 - 0.3) / 3];
        var actual = z.Grad!.ToArray<double>();
        // The neglected terms are O(1/T) relative to the gradient: 1e-3 here.
        for (int c = 0; c < 3; c++) Assert.True(Math.Abs(expected[c] - actual[c]) <= 1e-3 * Math.Abs(expected[c]), $"class {c}: {actual[c]} vs {expected[c]}");
    }

    [Fact]
    public void BadArgumentsNameTheLoss()
    {
        var s = Tensor.From(Student);
        Assert.Contains("temperature must be positive", Assert.Throws<ArgumentException>(() => Losses.Distillation(s, s, Tensor.From(Labels), 0)).Message);
        Assert.Contains("alpha must be in [0, 1]", Assert.Throws<ArgumentException>(() => Losses.Distillation(s, s, Tensor.From(Labels), alpha: 1.5)).Message);
        var error = Assert.Throws<ArgumentException>(() => Losses.Distillation(s, Tensor.Zeros([2, 4], DType.Float64), Tensor.From(Labels)));
        Assert.Contains("Distillation", error.Message);
    }
}
