using Sharpgrad.Cli.Experiments;

namespace Sharpgrad.Tests.Cli.Experiments;

/// <summary>GBC §5.7.3: on [x₂ > x₁] a tree needs a staircase of axis-aligned splits, while a kernel SVM fits the diagonal smoothly.</summary>
public class SvmVersusTreeTests
{
    [Fact]
    public void TheTreeNeedsAStaircaseWhileTheSvmDrawsTheDiagonal()
    {
        var results = SvmVersusTree.Run();
        var tree = results.Single(r => r.Problem == "x2 > x1" && r.Model == "decision tree");
        var svm = results.Single(r => r.Problem == "x2 > x1" && r.Model == "RBF SVM");

        Assert.True(tree.Leaves >= 8, $"a diagonal boundary needs many axis-aligned boxes, got {tree.Leaves} leaves");
        Assert.Equal(1.0, tree.TrainAccuracy); // an unpruned tree fits every training point
        Assert.True(svm.TestAccuracy >= 0.97, $"SVM test accuracy {svm.TestAccuracy}");
        Assert.True(svm.TestAccuracy > tree.TestAccuracy, $"SVM {svm.TestAccuracy} vs tree {tree.TestAccuracy}");

        // On the grid, every model predicts both classes, and the regions cover the square.
        foreach (var r in results)
        {
            var cells = r.GridPredictions.Cast<double>().ToArray();
            Assert.Equal(SvmVersusTree.GridSize * SvmVersusTree.GridSize, cells.Length);
            Assert.Contains(0.0, cells);
            Assert.Contains(1.0, cells);
        }
    }
}
