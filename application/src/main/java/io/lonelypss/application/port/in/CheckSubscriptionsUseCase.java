package io.lonelypss.application.port.in;

import io.lonelypss.domain.SubscriberUrl;
import io.lonelypss.domain.protocol.StrongEtag;
import java.util.concurrent.CompletionStage;

/** Answer the strong etag of everything stored for a URL (http.md section 5). */
public interface CheckSubscriptionsUseCase {
  CompletionStage<StrongEtag> checkSubscriptions(SubscriberUrl url);
}
