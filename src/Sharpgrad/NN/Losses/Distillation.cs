namespace Sharpgrad.NN;

public static partial class Losses
{
    /// <summary>
    /// Knowledge distillation (Hinton, Vinyals and Dean 2015; model compression, GBC §12.1.4): a student learns from a
    /// teacher's softened output distribution as well as from the labels,
    /// <code>L = α·T²·KL(softmax(v/T) ‖ softmax(z/T)) + (1 − α)·CE(z, y)</code>
    /// with student logits z [N, C], teacher logits v [N, C] (treated as constants: no gradient reaches the teacher),
    /// int64 labels y [N] and temperature T. The KL term is averaged over the batch (the true divergence per example).
    /// The factor T² keeps the soft term's gradient, which scales as 1/T², comparable to the hard term's as T changes;
    /// for large T and zero-mean logits its gradient tends to (z − v)/(N·C), matching logits (Hinton et al. §2.1).
    /// </summary>
    public static Tensor Distillation(Tensor studentLogits, Tensor teacherLogits, Tensor labels, double temperature = 4, double alpha = 0.9)
    {
        const string op = "Distillation";
        if (!(temperature > 0)) throw new ArgumentException($"{op}: temperature must be positive, got {temperature}.");
        if (!(alpha >= 0 && alpha <= 1)) throw new ArgumentException($"{op}: alpha must be in [0, 1], got {alpha}.");
        if (studentLogits.Rank != 2)
            throw new ArgumentException($"{op}: student logits must be [N, C], got shape {studentLogits.ShapeText}.");
        CheckSameShape(studentLogits, teacherLogits, op);
        var softTargets = (teacherLogits.Detach() / temperature).Softmax(1);
        var soft = KLDiv((studentLogits / temperature).LogSoftmax(1), softTargets, Reduction.BatchMean) * (temperature * temperature);
        // With α = 1 the labels are not used (pure distillation, e.g. on unlabelled transfer data).
        return alpha == 1 ? soft : alpha * soft + (1 - alpha) * CrossEntropy(studentLogits, labels);
    }
}
