using Sluice.Core.Tests.Storage.Postgres;

// One private PostgreSQL cluster for the whole assembly, started by the first test that asks for it.
[assembly: AssemblyFixture(typeof(PostgresCluster))]
