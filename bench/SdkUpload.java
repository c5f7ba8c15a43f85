import com.aliyun.oss.ClientBuilderConfiguration;
import com.aliyun.oss.OSS;
import com.aliyun.oss.OSSClientBuilder;
import com.aliyun.oss.common.auth.DefaultCredentialProvider;
import com.aliyun.oss.common.comm.SignVersion;
import com.aliyun.oss.model.UploadFileRequest;
import com.aliyun.oss.model.UploadFileResult;

/**
 * The few lines of Alibaba's Java SDK a user would write instead of the agent: uploadFile with a checkpoint, parallel
 * parts and the SDK's CRC64 check on (its default). The anchor of bench/vs-sdk.sh.
 * Usage: java -cp SDK_CLASSPATH SdkUpload.java ENDPOINT REGION BUCKET KEY FILE PART_MIB THREADS CHECKPOINT_FILE
 * Keys from OSS_ACCESS_KEY_ID / OSS_ACCESS_KEY_SECRET (made up by the script).
 */
public class SdkUpload {
    public static void main(String[] args) throws Throwable {
        ClientBuilderConfiguration conf = new ClientBuilderConfiguration();
        conf.setSignatureVersion(SignVersion.V4); // as the agent signs by default
        conf.setCrcCheckEnabled(true);
        OSS client = OSSClientBuilder.create().endpoint(args[0]).region(args[1])
                .credentialsProvider(new DefaultCredentialProvider(System.getenv("OSS_ACCESS_KEY_ID"),
                        System.getenv("OSS_ACCESS_KEY_SECRET")))
                .clientConfiguration(conf).build();
        try {
            UploadFileRequest request = new UploadFileRequest(args[2], args[3]);
            request.setUploadFile(args[4]);
            request.setPartSize(Long.parseLong(args[5]) * 1024 * 1024);
            request.setTaskNum(Integer.parseInt(args[6]));
            request.setEnableCheckpoint(true);
            request.setCheckpointFile(args[7]);
            UploadFileResult result = client.uploadFile(request);
            if (result.getMultipartUploadResult() == null) {
                throw new IllegalStateException("no result");
            }
        } finally {
            client.shutdown();
        }
    }
}
