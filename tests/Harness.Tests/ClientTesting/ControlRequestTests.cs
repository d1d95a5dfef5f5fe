using Conformance.Harness.Serving;
using Xunit;

namespace Conformance.Harness.Tests.ClientTesting;

public class ControlRequestTests
{
    [Theory]
    [InlineData("/getCaseCount", ControlEndpoint.GetCaseCount)]
    [InlineData("/runCase?case=3&agent=ws", ControlEndpoint.RunCase)]
    [InlineData("/updateReports?agent=ws&shutdownOnComplete=true", ControlEndpoint.UpdateReports)]
    [InlineData("/getCaseInfo?case=1", ControlEndpoint.GetCaseInfo)]
    [InlineData("/getCaseStatus?case=1&agent=ws", ControlEndpoint.GetCaseStatus)]
    [InlineData("/stopServer", ControlEndpoint.StopServer)]
    [InlineData("/redirected", ControlEndpoint.Unknown)]
    [InlineData("/", ControlEndpoint.Unknown)]
    public void Autobahn_control_paths_are_recognised(string target, ControlEndpoint endpoint) =>
        Assert.Equal(endpoint, ControlRequest.Parse(target).Endpoint);

    [Fact]
    public void RunCase_names_a_case_by_position_tuple_or_id_and_decodes_the_agent()
    {
        var byNumber = ControlRequest.Parse("/runCase?case=12&agent=AutobahnPython%2F0.6.0");
        Assert.Equal(12, byNumber.CaseNumber);
        Assert.Equal("AutobahnPython/0.6.0", byNumber.AgentName);
        Assert.Equal("6.4.3", ControlRequest.Parse("/runCase?casetuple=6.4.3&agent=a").CaseTuple);
        Assert.Equal("framing.text.length-125", ControlRequest.Parse("/runCase?id=framing.text.length-125&agent=a").CaseId);
    }

    [Fact]
    public void A_driver_that_names_no_agent_is_UnknownClient_and_shutdown_needs_true()
    {
        var request = ControlRequest.Parse("/updateReports?shutdownOnComplete=false");
        Assert.Equal(ControlRequest.UnnamedAgent, request.AgentName);
        Assert.False(request.ShutdownOnComplete);
        Assert.True(ControlRequest.Parse("/updateReports?agent=x&shutdownOnComplete=true").ShutdownOnComplete);
    }

    [Fact]
    public void A_malformed_query_never_throws()
    {
        var request = ControlRequest.Parse("/runCase?case=abc&agent=%zz&&=&case");
        Assert.Null(request.CaseNumber);
        Assert.Equal("%zz", request.AgentName);
    }
}
