-- wrk script: CreatePortfolioShare of one portfolio to a new account per request, as the
-- architecture issue measures the write path ("one portfolio taking every share"). The
-- portfolio id comes from PORTFOLIO_ID; accounts count up from 300000000000. Lenient auth:
-- the Authorization header only has to be a well-formed SigV4 header for account
-- 111111111111, dated now.
local portfolio = os.getenv("PORTFOLIO_ID")
local counter = 0
local date = os.date("!%Y%m%d")
local stamp = os.date("!%Y%m%dT%H%M%SZ")

wrk.method = "POST"
wrk.path = "/"
wrk.headers["Content-Type"] = "application/x-amz-json-1.1"
wrk.headers["X-Amz-Target"] = "AWS242ServiceCatalogService.CreatePortfolioShare"
wrk.headers["X-Amz-Date"] = stamp
wrk.headers["Authorization"] = "AWS4-HMAC-SHA256 Credential=111111111111/" .. date ..
  "/us-east-1/servicecatalog/aws4_request, SignedHeaders=host;x-amz-date, Signature=" ..
  string.rep("0", 64)

request = function()
  counter = counter + 1
  local body = string.format('{"PortfolioId":"%s","AccountId":"%012d"}', portfolio,
    300000000000 + counter)
  return wrk.format(nil, nil, nil, body)
end

-- One line the driver reads: requests per second, p50 and p99 in milliseconds, errors.
done = function(summary, latency, requests)
  local errors = summary.errors.status + summary.errors.connect + summary.errors.read +
    summary.errors.write + summary.errors.timeout
  io.write(string.format("RESULT %.0f %.2f %.2f %d\n",
    summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, errors))
end
