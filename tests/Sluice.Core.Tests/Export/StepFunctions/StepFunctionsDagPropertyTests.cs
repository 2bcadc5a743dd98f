using FsCheck;
using FsCheck.Fluent;
using static Sluice.Core.Tests.Export.StepFunctions.ExportHelper;

namespace Sluice.Core.Tests.Export.StepFunctions;

/// <summary>Any DAG of steps exports to a machine where each step is one state and runs after everything it depends on.</summary>
public sealed class StepFunctionsDagPropertyTests
{
    private static readonly Config Runs = Config.QuickThrowOnFailure.WithMaxTest(150);

    public sealed record Dag(IReadOnlyList<IReadOnlyList<int>> Dependencies)
    {
        public override string ToString() =>
            string.Join("; ", Dependencies.Select((d, i) => $"S{i}<-[{string.Join(",", d.Select(x => "S" + x))}]"));
    }

    [Fact]
    public void Export_AnyDag_HasEachStepOnceAndRespectsEveryDependency()
    {
        Check.One(Runs, Prop.ForAll(Dags().ToArbitrary(), dag =>
        {
            var steps = dag.Dependencies.Select((deps, i) =>
                Lambda("S" + i, "[" + string.Join(", ", deps.Select(d => $"\"S{d}\"")) + "]"));
            var export = ExportOf(Definition(string.Join(",", steps)));

            var states = AllStates(export.StateMachine);
            var finished = FinishedBefore(export.StateMachine);
            for (var i = 0; i < dag.Dependencies.Count; i++)
            {
                if (!states.ContainsKey("S" + i))
                {
                    return false;
                }

                if (dag.Dependencies[i].Any(d => !finished["S" + i].Contains("S" + d)))
                {
                    return false;
                }
            }

            // One state per step plus the helpers, which are all named Sluice.*.
            return states.Keys.Count(k => !k.StartsWith("Sluice.", StringComparison.Ordinal)) == dag.Dependencies.Count;
        }));
    }

    private static Gen<Dag> Dags() =>
        from count in Gen.Choose(1, 12)
        from density in Gen.Choose(0, 100)
        from seeds in Gen.ListOf(Gen.Choose(0, 99), count * count)
        select Build(count, density, seeds.ToArray());

    private static Dag Build(int count, int density, int[] seeds)
    {
        var dependencies = new List<IReadOnlyList<int>>();
        for (var i = 0; i < count; i++)
        {
            var deps = new List<int>();
            for (var j = 0; j < i; j++)
            {
                if (seeds[(i * count) + j] < density / 3)
                {
                    deps.Add(j);
                }
            }

            dependencies.Add(deps);
        }

        return new Dag(dependencies);
    }
}
