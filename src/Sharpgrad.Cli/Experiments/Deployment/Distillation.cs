using Sharpgrad.Data;
using Sharpgrad.Models;
using Sharpgrad.NN;
using Sharpgrad.Optim;
using Sharpgrad.Training;

namespace Sharpgrad.Cli.Experiments;

/// <summary>
/// The result of <see cref="Distillation"/>: the teacher's test accuracy and, per seed, the test accuracy of the same
/// student trained alone on the labels and trained by distillation from the teacher.
/// </summary>
public sealed record DistillationResult(string Data, double TeacherAccuracy, double[] Alone, double[] Distilled, int Labelled,
    double Temperature, double Alpha)
{
    public double MeanGain => Distilled.Average() - Alone.Average();
}

/// <summary>
/// Knowledge distillation (Hinton, Vinyals and Dean 2015; GBC §12.1.4 on model compression): a large teacher is trained
/// on the whole training set; then a small student is trained on a small labelled subset, once alone (cross-entropy on
/// the labels) and once from the teacher's soft targets at temperature T mixed with the labels
/// (<see cref="Losses.Distillation"/>). Both students start from the same weights and see the same minibatches, so the
/// gap is the soft targets' alone. The teacher's outputs carry "dark knowledge" — how much a 3 resembles an 8 — that
/// one-hot labels do not, which helps most where the student has few labels.
/// </summary>
public static class Distillation
{
    public const double Temperature = 4, Alpha = 0.9;
    private const int BatchSize = 32;

    /// <summary>
    /// Fashion-MNIST (Debian's dataset-fashion-mnist): a LeNet-5 teacher trained on all 60,000 images, and an MLP
    /// 784→128→10 student on 1,000 labelled ones, over 5 seeds. <paramref name="quick"/> uses fewer images and seeds.
    /// </summary>
    public static DistillationResult FashionMnist(bool quick = false, int firstSeed = 0)
    {
        var train = Datasets.FashionMnist(train: true);
        var test = Datasets.FashionMnist(train: false);
        if (quick) (train, test) = (train.Split(1.0 / 6, seed: 0).Train, test.Split(0.2, seed: 0).Train);
        return Run("Fashion-MNIST", train, test,
            g => ModelZoo.LeNet5(generator: g), teacherEpochs: quick ? 1 : 3,
            g => new Sequential(new Flatten(), new Linear(784, 128, generator: g), new ReLU(), new Linear(128, 10, generator: g)),
            labelled: 1000, studentEpochs: quick ? 30 : 100, seeds: quick ? 2 : 5, firstSeed);
    }

    /// <summary>
    /// The bundled 8×8 digits (80/20 split): an MLP 64→128→128→10 teacher on the whole training split, an MLP 64→64→10
    /// student on 150 labelled digits, trained for 150 epochs — long enough that the student alone overfits its few
    /// labels, the regime where soft targets act as a regulariser (Hinton et al. §3). Fast enough for the tests.
    /// </summary>
    public static DistillationResult Digits(int seeds = 5, int firstSeed = 0)
    {
        var (train, test) = Datasets.Digits().Split(0.8, seed: 0);
        return Run("digits", train, test,
            g => new Sequential(new Linear(64, 128, generator: g), new ReLU(), new Linear(128, 128, generator: g), new ReLU(), new Linear(128, 10, generator: g)),
            teacherEpochs: 30,
            g => new Sequential(new Linear(64, 64, generator: g), new ReLU(), new Linear(64, 10, generator: g)),
            labelled: 150, studentEpochs: 150, seeds: seeds, firstSeed);
    }

    public static DistillationResult Run(string data, TensorDataset train, TensorDataset test,
        Func<Generator, Module<Tensor, Tensor>> teacherFactory, int teacherEpochs,
        Func<Generator, Module<Tensor, Tensor>> studentFactory, int labelled, int studentEpochs, int seeds, int firstSeed = 0)
    {
        if (labelled < 1 || labelled > train.Count)
            throw new ArgumentOutOfRangeException(nameof(labelled), $"Distillation: labelled must be in [1, {train.Count}], got {labelled}.");
        var teacher = teacherFactory(new Generator(1000));
        ClassifierTraining.TrainWithAdam(teacher, train, teacherEpochs, lr: 1e-3, BatchSize, seed: 1000);
        double teacherAccuracy = Metrics.Accuracy(teacher, test);

        var (alone, distilled) = (new double[seeds], new double[seeds]);
        for (int k = 0; k < seeds; k++)
        {
            int seed = firstSeed + k;
            var subset = train.Split(labelled / (double)train.Count, seed: seed).Train;
            Tensor soft;
            using (Autograd.NoGrad()) soft = teacher.Forward(subset.Inputs);
            var withTeacher = new TensorDataset(subset.Inputs, Tensor.Arange(subset.Count));   // targets: row numbers
            alone[k] = TrainStudent(studentFactory, withTeacher, test, studentEpochs, seed,
                (logits, rows) => Losses.CrossEntropy(logits, subset.Targets.IndexSelect(0, rows)));
            distilled[k] = TrainStudent(studentFactory, withTeacher, test, studentEpochs, seed,
                (logits, rows) => Losses.Distillation(logits, soft.IndexSelect(0, rows), subset.Targets.IndexSelect(0, rows), Temperature, Alpha));
        }
        return new DistillationResult(data, teacherAccuracy, alone, distilled, labelled, Temperature, Alpha);
    }

    private static double TrainStudent(Func<Generator, Module<Tensor, Tensor>> factory, TensorDataset rows, TensorDataset test, int epochs,
        int seed, Func<Tensor, Tensor, Tensor> loss)
    {
        // The targets of rows are row numbers, so the loss can look up each row's label or soft target.
        var student = factory(new Generator(seed));
        ClassifierTraining.TrainWithAdam(student, rows, epochs, lr: 1e-3, BatchSize, seed, loss);
        return Metrics.Accuracy(student, test);
    }
}
