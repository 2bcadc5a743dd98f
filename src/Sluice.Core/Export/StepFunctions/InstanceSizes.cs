using System.Globalization;
using Sluice.Definitions.Json;

namespace Sluice.Core.Export.StepFunctions;

/// <summary>vCPUs and memory of the SageMaker instance types a Batch job definition can stand in for.</summary>
internal static class InstanceSizes
{
    private static readonly Dictionary<string, int> GibPerVcpu = new(StringComparer.Ordinal)
    {
        ["t2"] = 2, ["t3"] = 2, ["m4"] = 4, ["m5"] = 4, ["m5a"] = 4, ["m5d"] = 4, ["m6i"] = 4, ["m7i"] = 4,
        ["c4"] = 2, ["c5"] = 2, ["c5d"] = 2, ["c6i"] = 2, ["c7i"] = 2, ["r5"] = 8, ["r5d"] = 8, ["r6i"] = 8, ["r7i"] = 8,
    };

    private static readonly Dictionary<string, int> Vcpus = new(StringComparer.Ordinal)
    {
        ["medium"] = 2, ["large"] = 2, ["xlarge"] = 4, ["2xlarge"] = 8, ["4xlarge"] = 16, ["8xlarge"] = 32, ["9xlarge"] = 36,
        ["12xlarge"] = 48, ["16xlarge"] = 64, ["18xlarge"] = 72, ["24xlarge"] = 96,
    };

    /// <summary>
    /// The vCPUs and memory (MiB) for an instance type such as <c>ml.m5.xlarge</c>: all its vCPUs and 90% of its
    /// memory (what the ECS agent leaves for containers on an instance of that type).
    /// </summary>
    public static bool TryGet(string instanceType, out int vcpus, out int memoryMib)
    {
        vcpus = memoryMib = 0;
        var parts = instanceType.Split('.');
        if (parts is not ["ml", var family, var size] || !GibPerVcpu.TryGetValue(family, out var gib) || !Vcpus.TryGetValue(size, out vcpus))
        {
            return false;
        }

        if (size == "medium")
        {
            gib = 2;
        }

        memoryMib = (int)(vcpus * gib * 1024 * 0.9);
        return true;
    }

    /// <summary>The families this table knows, for error messages.</summary>
    public static string Known => string.Join(", ", GibPerVcpu.Keys.Order(StringComparer.Ordinal).Select(f => "ml." + f.ToString(CultureInfo.InvariantCulture)));
}
