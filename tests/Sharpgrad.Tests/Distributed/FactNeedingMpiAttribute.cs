namespace Sharpgrad.Tests.Distributed;

/// <summary>A fact that is skipped, with the reason shown, where OpenMPI's mpirun is not installed.</summary>
public sealed class FactNeedingMpiAttribute : FactAttribute
{
    public FactNeedingMpiAttribute()
    {
        if (MpiRun.MpirunPath is null)
            Skip = "mpirun is not on PATH: install OpenMPI (apt-get install openmpi-bin libopenmpi-dev) to run the MPI tests.";
    }
}
