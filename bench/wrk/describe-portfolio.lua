-- wrk script: DescribePortfolio of one portfolio by its owner, a member account, as the SCP
-- benchmark (bench/scp.sh) reads. PORTFOLIO_ID and ACCOUNT come from the environment.
-- Lenient auth: the Authorization header only has to be a well-formed SigV4 header for the
-- account, dated now.
local portfolio = os.getenv("PORTFOLIO_ID")
local account = os.getenv("ACCOUNT")
local date = os.date("!%Y%m%d")
local stamp = os.date("!%Y%m%dT%H%M%SZ")

wrk.method = "POST"
wrk.path = "/"
wrk.headers["Content-Type"] = "application/x-amz-json-1.1"
wrk.headers["X-Amz-Target"] = "AWS242ServiceCatalogService.DescribePortfolio"
wrk.headers["X-Amz-Date"] = stamp
wrk.headers["Authorization"] = "AWS4-HMAC-SHA256 Credential=" .. account .. "/" .. date ..
  "/us-east-1/servicecatalog/aws4_request, SignedHeaders=host;x-amz-date, Signature=" ..
  string.rep("0", 64)
wrk.body = string.format('{"Id":"%s"}', portfolio)

-- One line the driver reads: requests per second, p50 and p99 in milliseconds, errors.
done = function(summary, latency, requests)
  local errors = summary.errors.status + summary.errors.connect + summary.errors.read +
    summary.errors.write + summary.errors.timeout
  io.write(string.format("RESULT %.0f %.2f %.2f %d\n",
    summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, errors))
end
